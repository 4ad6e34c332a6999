using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kring.Hosting;

/// <summary>
/// Arms every village's daily retention reminder at start and then every hour (a village added later gets one too).
/// Reminders in the embedded default live in memory, so after a restart this is what brings them back; in a cluster
/// they are in PostgreSQL and arming an existing one changes nothing.
/// </summary>
public sealed partial class RetentionSchedule(IGrainFactory grains, ILogger<RetentionSchedule> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                foreach (var village in await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages())
                {
                    await grains.GetGrain<IRetentionGrain>(village.Id).Arm();
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRetry(logger, e, Interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not arm the retention reminders; trying again in {Interval}")]
    private static partial void LogRetry(ILogger logger, Exception exception, TimeSpan interval);
}
