namespace Kring.Matching.Planning;

/// <summary>
/// The statically eligible (need, volunteer) pairs of one batch: every pair for which <see cref="Eligibility.Check"/>
/// returns None against the volunteers' existing commitments. Stored as compressed adjacency lists in both directions.
/// What remains for a planner are the constraints between its own choices: overlap and weekly hours.
/// </summary>
public sealed class CandidateGraph
{
    private readonly int[] _needOffsets;
    private readonly int[] _needCandidates;
    private readonly int[] _volunteerOffsets;
    private readonly int[] _volunteerNeeds;

    private CandidateGraph(IReadOnlyList<VolunteerCandidate> volunteers, IReadOnlyList<HelpNeed> needs, int[] needOffsets,
        int[] needCandidates)
    {
        Volunteers = volunteers;
        Needs = needs;
        _needOffsets = needOffsets;
        _needCandidates = needCandidates;
        _volunteerOffsets = new int[volunteers.Count + 1];
        foreach (var v in needCandidates) _volunteerOffsets[v + 1]++;
        for (var v = 0; v < volunteers.Count; v++) _volunteerOffsets[v + 1] += _volunteerOffsets[v];
        _volunteerNeeds = new int[needCandidates.Length];
        var fill = _volunteerOffsets[..^1];
        for (var n = 0; n < needs.Count; n++)
        {
            for (var i = needOffsets[n]; i < needOffsets[n + 1]; i++) _volunteerNeeds[fill[needCandidates[i]]++] = n;
        }
    }

    public IReadOnlyList<VolunteerCandidate> Volunteers { get; }
    public IReadOnlyList<HelpNeed> Needs { get; }
    public int EdgeCount => _needCandidates.Length;

    /// <summary>Indices of the volunteers eligible for need <paramref name="need"/>, ascending (input order).</summary>
    public ReadOnlySpan<int> CandidatesOf(int need) =>
        _needCandidates.AsSpan(_needOffsets[need], _needOffsets[need + 1] - _needOffsets[need]);

    /// <summary>Indices of the needs volunteer <paramref name="volunteer"/> is eligible for, ascending.</summary>
    public ReadOnlySpan<int> NeedsOf(int volunteer) =>
        _volunteerNeeds.AsSpan(_volunteerOffsets[volunteer], _volunteerOffsets[volunteer + 1] - _volunteerOffsets[volunteer]);

    public static CandidateGraph Build(IReadOnlyList<VolunteerCandidate> volunteers, IReadOnlyList<HelpNeed> needs)
    {
        var horizon = HorizonOf(needs);
        return horizon is { } window
            ? Build(VolunteerIndex.Build(volunteers, window), needs)
            : new CandidateGraph(volunteers, needs, new int[needs.Count + 1], []);
    }

    /// <summary>
    /// Builds the graph from candidate lists found elsewhere: <paramref name="candidates"/>[n] holds the indices into
    /// <paramref name="volunteers"/> of the volunteers eligible for need n. The caller vouches that each passes
    /// <see cref="Eligibility.Check"/>; a list may be in any order and repeat an index.
    /// </summary>
    public static CandidateGraph FromCandidates(IReadOnlyList<VolunteerCandidate> volunteers, IReadOnlyList<HelpNeed> needs,
        IReadOnlyList<IEnumerable<int>> candidates)
    {
        if (candidates.Count != needs.Count) throw new ArgumentException("There must be one candidate list per need.", nameof(candidates));
        var offsets = new int[needs.Count + 1];
        var edges = new List<int>();
        for (var n = 0; n < needs.Count; n++)
        {
            foreach (var v in candidates[n].Distinct().Order())
            {
                if (v < 0 || v >= volunteers.Count) throw new ArgumentOutOfRangeException(nameof(candidates), v, "No such volunteer.");
                edges.Add(v);
            }
            offsets[n + 1] = edges.Count;
        }
        return new CandidateGraph(volunteers, needs, offsets, [.. edges]);
    }

    /// <summary>Builds the graph with an existing index, whose horizon must contain every valid need.</summary>
    public static CandidateGraph Build(VolunteerIndex index, IReadOnlyList<HelpNeed> needs)
    {
        // Needs are cut into chunks that are searched in parallel, then concatenated in order.
        var chunkSize = Math.Max(256, needs.Count / (Environment.ProcessorCount * 8) + 1);
        var chunks = new List<int>[(needs.Count + chunkSize - 1) / chunkSize];
        var counts = new int[needs.Count];
        Parallel.For(0, chunks.Length, () => new List<int>(), (c, _, found) =>
        {
            var edges = new List<int>();
            for (var n = c * chunkSize; n < Math.Min(needs.Count, (c + 1) * chunkSize); n++)
            {
                index.FindCandidates(needs[n], found);
                counts[n] = found.Count;
                edges.AddRange(found);
            }
            chunks[c] = edges;
            return found;
        }, _ => { });

        var offsets = new int[needs.Count + 1];
        for (var n = 0; n < needs.Count; n++) offsets[n + 1] = offsets[n] + counts[n];
        var candidates = new int[offsets[^1]];
        var at = 0;
        foreach (var chunk in chunks)
        {
            chunk.CopyTo(candidates, at);
            at += chunk.Count;
        }
        return new CandidateGraph(index.Volunteers, needs, offsets, candidates);
    }

    /// <summary>The smallest window containing every valid need, or null when there is none.</summary>
    public static TimeWindow? HorizonOf(IEnumerable<HelpNeed> needs)
    {
        TimeWindow? horizon = null;
        foreach (var need in needs)
        {
            if (!need.Window.IsValid) continue;
            horizon = horizon is { } h
                ? new TimeWindow(need.Window.Start < h.Start ? need.Window.Start : h.Start, need.Window.End > h.End
                    ? need.Window.End : h.End)
                : need.Window;
        }
        return horizon;
    }
}
