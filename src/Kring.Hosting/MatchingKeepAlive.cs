using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kring.Hosting;

/// <summary>
/// Wakes every matching shard at start, every minute, and as soon as the cluster declares a silo dead, so pending
/// requests and offer deadlines resume after a restart or a crash without waiting for a new message to reach the shard.
/// A shard reconciles with its villages when it activates, so waking it is all the recovery needs.
/// </summary>
public sealed partial class MatchingKeepAlive(
    IGrainFactory grains, IClusterMembershipService membership, ILogger<MatchingKeepAlive> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Periodically(stoppingToken), OnSiloDeath(stoppingToken));

    private async Task Periodically(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            await WakeShards(stoppingToken);
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task OnSiloDeath(CancellationToken stoppingToken)
    {
        var dead = new HashSet<SiloAddress>();
        var first = true;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var newlyDead = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress));
                // The first snapshot lists the silos that died before this one started; the wake at start covers those.
                if (!first && newlyDead > 0)
                {
                    LogSiloDead(logger, newlyDead);
                    await WakeShards(stoppingToken);
                }
                first = false;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WakeShards(CancellationToken stoppingToken)
    {
        try
        {
            var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
            var shards = villages.Select(v => MatchingShard.Key(v.Region)).Distinct();
            await Task.WhenAll(shards.Select(key => grains.GetGrain<IMatchingGrain>(key).PendingCount()));
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogRetry(logger, e, Interval);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake the matching shards; trying again in {Interval}")]
    private static partial void LogRetry(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Count} silo(s) declared dead; waking the matching shards they may have hosted")]
    private static partial void LogSiloDead(ILogger logger, int count);
}
