namespace Kring.Matching;

/// <summary>How far an offer wave reaches, widened step by step when nobody nearer can or will help.</summary>
public enum Reach
{
    /// <summary>Volunteers who live in the request's village.</summary>
    Village = 0,
    /// <summary>Also volunteers from the neighbouring villages.</summary>
    Neighbours = 1,
    /// <summary>Every volunteer in the municipality (the matching shard).</summary>
    Municipality = 2,
    /// <summary>The partner coordinator's queue; volunteers who turn up later are still offered the request.</summary>
    Coordinator = 3,
}

public sealed record WaveDecision(Reach Reach, IReadOnlyList<RankedCandidate> Wave);

/// <summary>
/// Chooses the next offer wave: the best <c>size</c> untried volunteers within the current reach, widening the reach
/// while it has nobody left. Every volunteer still has to meet every hard constraint, including their own travel radius.
/// </summary>
public static class OfferWaves
{
    public static WaveDecision Next(HelpNeed need, string village, IReadOnlySet<string> neighbours, Reach reach,
        IReadOnlyCollection<VolunteerCandidate> volunteers, ISet<string> tried, int size)
    {
        for (var r = reach; ; r++)
        {
            var scope = r switch
            {
                Reach.Village => volunteers.Where(v => v.HomeVillage == village),
                Reach.Neighbours => volunteers.Where(v => v.HomeVillage == village || neighbours.Contains(v.HomeVillage)),
                _ => volunteers,
            };
            var wave = CandidateRanker.Rank(need, scope, tried).Take(size).ToList();
            if (wave.Count > 0 || r >= Reach.Coordinator) return new WaveDecision(r, wave);
        }
    }

    /// <summary>The reach after a whole wave lapsed without an accept.</summary>
    public static Reach Widen(Reach reach) => reach >= Reach.Coordinator ? Reach.Coordinator : reach + 1;
}
