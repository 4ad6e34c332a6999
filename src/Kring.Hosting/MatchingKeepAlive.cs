using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kring.Hosting;

/// <summary>
/// Wakes every matching shard at start and then every minute, so pending requests and offer deadlines resume after a
/// restart even when no new message reaches the shard.
/// </summary>
public sealed partial class MatchingKeepAlive(IGrainFactory grains, ILogger<MatchingKeepAlive> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
                foreach (var region in villages.Select(v => v.Region).Distinct())
                {
                    foreach (var kind in Enum.GetValues<HelpKind>())
                    {
                        await grains.GetGrain<IMatchingGrain>(MatchingShard.Key(region, kind)).PendingCount();
                    }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRetry(logger, e, Interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake the matching shards; trying again in {Interval}")]
    private static partial void LogRetry(ILogger logger, Exception exception, TimeSpan interval);
}
