namespace Kring.Grains;

/// <summary>What the operator's page reads of the shard: counts only, so nothing here names a person.</summary>
public sealed partial class MatchingGrain
{
    /// <summary>The lapse tally changed since the last checkpoint, which then writes the shard's own state.</summary>
    private bool _tallyChanged;
    /// <summary>A tick expires a request at its start; past this, the shard is behind (as the alert rule has it).</summary>
    private static readonly TimeSpan DeadlineGrace = TimeSpan.FromMinutes(2);

    public Task<ShardBacklog> GetBacklog()
    {
        var now = clock.GetUtcNow();
        var villages = _pending.Values.GroupBy(p => p.Request.Village, StringComparer.Ordinal)
            .Select(g => new VillageBacklog(g.Key,
                g.Count(p => now - p.Request.CreatedAt < TimeSpan.FromDays(1)),
                g.Count(p => now - p.Request.CreatedAt >= TimeSpan.FromDays(1) && now - p.Request.CreatedAt < TimeSpan.FromDays(7)),
                g.Count(p => now - p.Request.CreatedAt >= TimeSpan.FromDays(7))))
            .OrderBy(v => v.Village, StringComparer.Ordinal)
            .ToList();
        var reading = Reading(now);
        return Task.FromResult(new ShardBacklog(_region, villages, _pending.Values.Sum(p => p.Outstanding.Count),
            state.State.LapsedDay == Amsterdam.Today(clock) ? state.State.LapsedOnDay : 0,
            _pending.Values.Count(p => p.Request.Start <= now - DeadlineGrace), reading.StartingWithin24Hours,
            _pending.Values.Count(p => p.EscalatedTo is not null), reading.OldestFiledAt));
    }

    private void TallyLapsed(int offers)
    {
        var today = Amsterdam.Today(clock);
        if (state.State.LapsedDay != today)
        {
            state.State.LapsedDay = today;
            state.State.LapsedOnDay = 0;
        }
        state.State.LapsedOnDay += offers;
        _tallyChanged = true;
    }
}
