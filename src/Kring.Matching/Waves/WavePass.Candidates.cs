namespace Kring.Matching.Waves;

/// <summary>Finding each request's candidates: its reach, eligibility and the windows its volunteers are busy.</summary>
public sealed partial class WavePass
{
    /// <summary>The shard's volunteers with their busy windows added to their commitments, made once per pass.</summary>
    private readonly Dictionary<string, VolunteerCandidate> _probes = new(StringComparer.Ordinal);

    /// <summary>
    /// The request's candidates at the first reach, from its current one outward, where anyone is eligible and untried
    /// (as before, the volunteers it has offers out to count as untried); null when there is nobody at any reach. The
    /// candidates are those not busy then, the volunteers it has offers out to first, then in the ranker's order. When
    /// there are any, the free volunteers of the wider reaches up to the municipality follow them (see
    /// <see cref="PassEntry.CandidateReach"/>); when all of them are busy, the request waits at its reach.
    /// </summary>
    private PassEntry? Collect(WaveRequest request, int order)
    {
        var need = request.Need;
        var neighbours = _index.Neighbours(request.Village);
        var tried = new HashSet<string>(request.Tried, StringComparer.Ordinal);
        tried.ExceptWith(request.Offered);
        for (var reach = request.Reach; ; reach++)
        {
            var ranked = CandidateRanker.Rank(need, Scope(reach, request.Village, neighbours), tried);
            if (ranked.Count > 0) return WithWider(request, order, reach, NotBusy(ranked, request), neighbours, tried);
            if (reach >= Reach.Coordinator) return null;
        }
    }

    /// <summary>The entry of a request at <paramref name="reach"/>: its free candidates there, then those further out.</summary>
    private PassEntry WithWider(WaveRequest request, int order, Reach reach, List<VolunteerCandidate> near,
        IReadOnlySet<string> neighbours, HashSet<string> tried)
    {
        var candidates = new List<VolunteerCandidate>(near);
        var reaches = Enumerable.Repeat(reach, near.Count).ToList();
        var seen = near.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        for (var wider = reach + 1; near.Count > 0 && wider <= Reach.Municipality; wider++)
        {
            var ranked = CandidateRanker.Rank(request.Need, Scope(wider, request.Village, neighbours), tried);
            foreach (var candidate in NotBusy(ranked, request).Where(c => seen.Add(c.Id)))
            {
                candidates.Add(candidate);
                reaches.Add(wider);
            }
        }
        return new PassEntry(request, order, reach, candidates) { CandidateReach = reaches };
    }

    private IEnumerable<VolunteerCandidate> Scope(Reach reach, string village, IReadOnlySet<string> neighbours) => reach switch
    {
        Reach.Village => _index.Volunteers.Where(v => v.HomeVillage == village),
        Reach.Neighbours => _index.Volunteers.Where(v => v.HomeVillage == village || neighbours.Contains(v.HomeVillage)),
        _ => _index.Volunteers,
    };

    private List<VolunteerCandidate> NotBusy(IReadOnlyList<RankedCandidate> ranked, WaveRequest request)
    {
        var free = new List<VolunteerCandidate>(ranked.Count);
        foreach (var candidate in ranked.OrderBy(c => request.Offered.Contains(c.Volunteer.Id) ? 0 : 1))
        {
            var volunteer = WithBusy(candidate.Volunteer);
            if (ReferenceEquals(volunteer, candidate.Volunteer) || Eligibility.Check(volunteer, request.Need) == Ineligibility.None)
            {
                free.Add(volunteer);
            }
        }
        return free;
    }

    private VolunteerCandidate WithBusy(VolunteerCandidate volunteer)
    {
        if (!_busy.ContainsKey(volunteer.Id)) return volunteer;
        if (!_probes.TryGetValue(volunteer.Id, out var probe)) _probes[volunteer.Id] = probe = Probe(volunteer);
        return probe;
    }

    /// <summary>The volunteer as the planner must see them: their busy windows are commitments.</summary>
    private VolunteerCandidate Probe(VolunteerCandidate volunteer) =>
        _busy.TryGetValue(volunteer.Id, out var busy) ? volunteer.WithCommitments(busy) : volunteer;
}
