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
            .Select(g =>
            {
                var waited = g.Select(p => now - p.Request.CreatedAt).ToList();
                var days = waited.Count(w => w >= TimeSpan.FromDays(1));
                var weeks = waited.Count(w => w >= TimeSpan.FromDays(7));
                return new VillageBacklog(g.Key, waited.Count - days, days - weeks, weeks);
            })
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
