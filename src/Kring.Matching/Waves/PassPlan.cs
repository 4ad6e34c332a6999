using Kring.Matching.Planning;

namespace Kring.Matching.Waves;

/// <summary>
/// A request of one pass with its candidates: eligible, untried and not busy at its reach, in the order the request
/// prefers them (the volunteers it has offers out to first, then the ranker's order). Instances given to the same
/// <see cref="PassPlan"/> are the same object for the same volunteer.
/// </summary>
internal sealed record PassEntry(WaveRequest Request, int Order, Reach Reach, IReadOnlyList<VolunteerCandidate> Candidates)
{
    /// <summary>
    /// The reach of each candidate, in the same order: the volunteers of <see cref="Reach"/> first, then those of the
    /// wider reaches, nearest first. A plan gives the request a wider volunteer only when it needs every nearer one for
    /// another request; none when empty (all at <see cref="Reach"/>).
    /// </summary>
    public IReadOnlyList<Reach> CandidateReach { get; init; } = [];

    public Reach ReachOf(int candidate) => candidate < CandidateReach.Count ? CandidateReach[candidate] : Reach;
}

/// <summary>
/// Plans the requests of one pass with <see cref="BatchPlanner"/> and turns the plan into waves. Need n of the graph
/// is entry n, most urgent first. After the planner, moves that never fill fewer improve the plan in this order: a
/// revisable request goes back to a volunteer it has an offer out to, an unfilled request takes a volunteer from a
/// less urgent one, each filled request moves to its best-ranked candidate free for it, and two requests swap
/// volunteers when that brings one nearer to its village and the other no further.
/// </summary>
internal sealed class PassPlan
{
    private readonly IReadOnlyList<PassEntry> _entries;
    private readonly int _waveSize;
    private readonly PlanState _state;
    private readonly int[][] _candidates; // per need, graph indices in the entry's order
    private readonly HashSet<int>[] _offered; // per need, the graph indices of the volunteers it has offers out to
    private readonly List<int>[] _holding; // per volunteer, the revisable needs whose offers they hold
    private readonly List<int>[] _reserved; // per volunteer, the needs whose wave they are in besides the planned one
    private readonly Dictionary<string, int> _indexOf = new(StringComparer.Ordinal); // volunteer id to graph index

    public PassPlan(IReadOnlyList<PassEntry> entries, int waveSize, BatchPlannerOptions options)
    {
        _entries = entries;
        _waveSize = waveSize;
        var volunteers = new List<VolunteerCandidate>();
        int IndexOf(string id) => _indexOf.TryGetValue(id, out var v) ? v : -1;
        foreach (var volunteer in entries.SelectMany(e => e.Candidates))
        {
            if (_indexOf.TryAdd(volunteer.Id, volunteers.Count)) volunteers.Add(volunteer);
        }
        _candidates = entries.Select(e => e.Candidates.Select(c => _indexOf[c.Id]).ToArray()).ToArray();
        _offered = entries.Select(e => e.Request.Offered.Select(IndexOf).Where(v => v >= 0).ToHashSet()).ToArray();
        _holding = volunteers.Select(_ => new List<int>()).ToArray();
        _reserved = volunteers.Select(_ => new List<int>()).ToArray();
        for (var n = 0; n < entries.Count; n++)
        {
            foreach (var v in _offered[n]) _holding[v].Add(n);
        }

        var graph = CandidateGraph.FromCandidates(volunteers, entries.Select(e => e.Request.Need).ToList(), _candidates);
        _state = new PlanState(graph);
        var needOf = Enumerable.Range(0, entries.Count).ToDictionary(n => entries[n].Request.Need.Id, StringComparer.Ordinal);
        foreach (var assignment in new BatchPlanner(options).Plan(graph))
        {
            _state.Move(needOf[assignment.NeedId], _indexOf[assignment.VolunteerId]);
        }
        _state.Commit();
    }

    /// <summary>The choice of each entry, in the entries' order; null where a due request is left unfilled.</summary>
    public IReadOnlyList<WaveChoice?> Decide()
    {
        for (var n = 0; n < _entries.Count; n++)
        {
            if (!IsRevisable(n) || IsKept(n)) continue;
            foreach (var v in _candidates[n])
            {
                if (_offered[n].Contains(v) && TryTake(n, v, mayEvict: m => !IsKept(m))) break;
            }
        }
        for (var n = 0; n < _entries.Count; n++)
        {
            if (_state.VolunteerOf(n) >= 0) continue;
            foreach (var v in _candidates[n])
            {
                if (TryTake(n, v, mayEvict: m => m > n && !IsKept(m))) break;
            }
        }
        for (var n = 0; n < _entries.Count; n++) PreferRanking(n);
        for (var n = 0; n < _entries.Count; n++) PreferNearer(n);

        var choices = new WaveChoice?[_entries.Count];
        // Offers that stay reserve their volunteers before any alternate is chosen.
        for (var n = 0; n < _entries.Count; n++)
        {
            if (IsRevisable(n) && (_state.VolunteerOf(n) < 0 || IsKept(n))) choices[n] = Revised(n);
        }
        for (var n = 0; n < _entries.Count; n++)
        {
            if (choices[n] is null && _state.VolunteerOf(n) >= 0) choices[n] = Wave(n);
        }
        return choices;
    }

    private bool IsRevisable(int n) => _entries[n].Request.IsRevisable;

    /// <summary>A revisable need planned for a volunteer it has an offer out to.</summary>
    private bool IsKept(int n) => _offered[n].Contains(_state.VolunteerOf(n));

    /// <summary>
    /// Gives need <paramref name="n"/> to volunteer <paramref name="v"/>, if need be in place of the one need of theirs
    /// that overlaps it, when <paramref name="mayEvict"/> allows; that need then goes to the first of its candidates
    /// free for it (see <see cref="Exchange"/>).
    /// </summary>
    private bool TryTake(int n, int v, Func<int, bool> mayEvict)
    {
        if (_state.VolunteerOf(n) == v) return true;
        if (_state.CanTake(v, n))
        {
            _state.Move(n, v);
            return true;
        }
        var conflict = OnlyOverlap(v, n);
        return conflict >= 0 && mayEvict(conflict) && Exchange(n, v, conflict, _candidates[conflict]);
    }

    /// <summary>
    /// Gives need <paramref name="n"/> volunteer <paramref name="v"/> in place of need <paramref name="m"/>, which then
    /// goes to the first of <paramref name="instead"/> free for it. Kept only when the plan fills no fewer.
    /// </summary>
    private bool Exchange(int n, int v, int m, IEnumerable<int> instead)
    {
        var filled = _state.Filled;
        var mark = _state.Mark;
        _state.Move(m, -1);
        _state.Move(n, -1);
        if (_state.CanTake(v, n))
        {
            _state.Move(n, v);
            foreach (var c in instead)
            {
                if (!_state.CanTake(c, m)) continue;
                _state.Move(m, c);
                break;
            }
            if (_state.Filled >= filled)
            {
                _state.Commit();
                return true;
            }
        }
        _state.Rollback(mark);
        return false;
    }

    /// <summary>The one need planned for <paramref name="v"/> that overlaps <paramref name="n"/>; -1 when none or several.</summary>
    private int OnlyOverlap(int v, int n)
    {
        var found = -1;
        for (var q = _state.First(v); q >= 0; q = _state.Next(q))
        {
            if (q == n || !_state.Overlap(q, n)) continue;
            if (found >= 0) return -1;
            found = q;
        }
        return found;
    }

    /// <summary>Moves a filled need to a better-ranked candidate who is free for it and holds no overlapping offer.</summary>
    private void PreferRanking(int n)
    {
        var planned = _state.VolunteerOf(n);
        if (planned < 0) return;
        foreach (var v in _candidates[n])
        {
            if (v == planned) return;
            if (!_state.CanTake(v, n) || _holding[v].Any(m => m != n && _state.Overlap(m, n))) continue;
            _state.Move(n, v);
            return;
        }
    }

    /// <summary>
    /// Gives a need planned at a wider reach than its nearest candidates one of those, when the need planned for that
    /// volunteer can take this need's volunteer instead at no wider a reach of its own: the same fill, nearer help.
    /// </summary>
    private void PreferNearer(int n)
    {
        var planned = _state.VolunteerOf(n);
        if (planned < 0 || IsKept(n)) return;
        var reach = ReachOf(n, planned);
        for (var i = 0; i < _candidates[n].Length && _entries[n].ReachOf(i) < reach; i++)
        {
            var v = _candidates[n][i];
            var m = OnlyOverlap(v, n);
            if (m < 0 || IsKept(m) || Array.IndexOf(_candidates[m], planned) < 0 || ReachOf(m, planned) > ReachOf(m, v)) continue;
            if (Exchange(n, v, m, [planned])) return;
        }
    }

    /// <summary>
    /// A revisable need left unfilled or kept: its offers stay, but for the volunteers the plan needs for another
    /// request at that time. An unfilled need whose volunteers are all needed elsewhere waits without offers, so that
    /// nobody holds two offers at once.
    /// </summary>
    private WaveChoice Revised(int n)
    {
        var request = _entries[n].Request;
        var staying = request.Offered.Where(id => !_indexOf.TryGetValue(id, out var v) || !PlannedElsewhere(v, n)).ToList();
        if (staying.Count == 0) return new WaveChoice(request, request.Reach, []) { Waits = true };
        foreach (var id in staying)
        {
            if (_indexOf.TryGetValue(id, out var v)) _reserved[v].Add(n);
        }
        if (staying.Count == request.Offered.Count) return WavePass.Kept(request);
        var planned = _state.VolunteerOf(n);
        if (planned < 0) return new WaveChoice(request, request.Reach, staying);
        var plannedId = _state.Graph.Volunteers[planned].Id;
        staying = [plannedId, .. staying.Where(id => id != plannedId)];
        var reach = ReachOf(n, planned);
        return new WaveChoice(request, reach > request.Reach ? reach : request.Reach, staying);
    }

    /// <summary>
    /// The planned volunteer first, then the best-ranked candidates the plan leaves idle at that time, from no wider a
    /// reach than the planned one's, which is the request's reach from now on.
    /// </summary>
    private WaveChoice Wave(int n)
    {
        var planned = _state.VolunteerOf(n);
        var reach = ReachOf(n, planned);
        var wave = new List<string> { _state.Graph.Volunteers[planned].Id };
        for (var i = 0; i < _candidates[n].Length && wave.Count < _waveSize && _entries[n].ReachOf(i) <= reach; i++)
        {
            var v = _candidates[n][i];
            if (v == planned || !_state.CanTake(v, n) || _reserved[v].Any(m => m != n && _state.Overlap(m, n))) continue;
            wave.Add(_state.Graph.Volunteers[v].Id);
            _reserved[v].Add(n);
        }
        return new WaveChoice(_entries[n].Request, reach, wave);
    }

    private Reach ReachOf(int n, int v) => _entries[n].ReachOf(Array.IndexOf(_candidates[n], v));

    private bool PlannedElsewhere(int v, int n)
    {
        for (var q = _state.First(v); q >= 0; q = _state.Next(q))
        {
            if (q != n && _state.Overlap(q, n)) return true;
        }
        return false;
    }
}
