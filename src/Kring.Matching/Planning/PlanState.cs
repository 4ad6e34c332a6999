namespace Kring.Matching.Planning;

/// <summary>
/// A partial assignment over a <see cref="CandidateGraph"/> with the constraints between choices: a volunteer's
/// needs may not overlap and, per ISO week in the volunteer's zone, their hours plus committed hours stay within
/// MaxHoursPerWeek. Each volunteer's needs form a linked list threaded through arrays, so no allocation per move.
/// Moves are journaled so that a tentative change can be rolled back to a <see cref="Mark"/>.
/// </summary>
internal sealed class PlanState
{
    private const double HoursTolerance = 1e-9; // the same slack as Eligibility.Check

    private readonly CandidateGraph _graph;
    private readonly long[] _start;
    private readonly long[] _end;
    private readonly double[] _hours;
    private readonly int[] _weekAmsterdam;
    private readonly double[] _maxHours;
    private readonly int[] _volunteerOf;
    private readonly int[] _head;
    private readonly int[] _next;
    private readonly int[] _prev;
    private readonly List<(int Need, int Volunteer)> _journal = [];

    public PlanState(CandidateGraph graph)
    {
        _graph = graph;
        var needs = graph.Needs;
        _start = new long[needs.Count];
        _end = new long[needs.Count];
        _hours = new double[needs.Count];
        _weekAmsterdam = new int[needs.Count];
        _volunteerOf = new int[needs.Count];
        _next = new int[needs.Count];
        _prev = new int[needs.Count];
        for (var n = 0; n < needs.Count; n++)
        {
            var window = needs[n].Window;
            _start[n] = window.Start.UtcTicks;
            _end[n] = window.End.UtcTicks;
            _hours[n] = window.Duration.TotalHours;
            _weekAmsterdam[n] = window.IsValid ? window.IsoWeek(Availability.Amsterdam) : 0;
            _volunteerOf[n] = -1;
        }
        _head = new int[graph.Volunteers.Count];
        Array.Fill(_head, -1);
        _maxHours = graph.Volunteers.Select(v => v.MaxHoursPerWeek).ToArray();
    }

    public CandidateGraph Graph => _graph;
    public int Filled { get; private set; }

    /// <summary>A point to roll back to; valid until <see cref="Commit"/>.</summary>
    public int Mark => _journal.Count;

    public int VolunteerOf(int need) => _volunteerOf[need];

    public double Hours(int need) => _hours[need];

    public bool Overlap(int a, int b) => _start[a] < _end[b] && _start[b] < _end[a];

    public bool IsLimited(int volunteer) => !double.IsPositiveInfinity(_maxHours[volunteer]);

    /// <summary>The needs currently assigned to <paramref name="volunteer"/>, as a linked list: First, then Next.</summary>
    public int First(int volunteer) => _head[volunteer];

    public int Next(int need) => _next[need];

    public int WeekOf(int need, int volunteer)
    {
        var zone = _graph.Volunteers[volunteer].Availability.Zone;
        return ReferenceEquals(zone, Availability.Amsterdam) ? _weekAmsterdam[need] : _graph.Needs[need].Window.IsoWeek(zone);
    }

    /// <summary>
    /// How many hours <paramref name="volunteer"/> could still take in the week of <paramref name="need"/>,
    /// with the needs in <paramref name="except"/> (up to two, -1 for none) left out.
    /// </summary>
    public double SpareHours(int volunteer, int need, int except1 = -1, int except2 = -1)
    {
        if (!IsLimited(volunteer)) return double.PositiveInfinity;
        var candidate = _graph.Volunteers[volunteer];
        var week = WeekOf(need, volunteer);
        var used = candidate.Commitments.Count == 0 ? 0 : Eligibility.HoursInWeek(candidate, _graph.Needs[need].Window);
        for (var q = _head[volunteer]; q >= 0; q = _next[q])
        {
            if (q != except1 && q != except2 && WeekOf(q, volunteer) == week) used += _hours[q];
        }
        return candidate.MaxHoursPerWeek + HoursTolerance - used;
    }

    /// <summary>True when <paramref name="volunteer"/>, a candidate of <paramref name="need"/>, can take it now.</summary>
    public bool CanTake(int volunteer, int need)
    {
        for (var q = _head[volunteer]; q >= 0; q = _next[q])
        {
            if (Overlap(q, need)) return false;
        }
        return !IsLimited(volunteer) || _hours[need] <= SpareHours(volunteer, need);
    }

    /// <summary>Moves <paramref name="need"/> to <paramref name="volunteer"/>, or unassigns it when that is -1.</summary>
    public void Move(int need, int volunteer)
    {
        var old = _volunteerOf[need];
        if (old == volunteer) return;
        _journal.Add((need, old));
        Relink(need, old, volunteer);
    }

    /// <summary>Undoes every move made since <paramref name="mark"/>.</summary>
    public void Rollback(int mark)
    {
        for (var i = _journal.Count - 1; i >= mark; i--) Relink(_journal[i].Need, _volunteerOf[_journal[i].Need], _journal[i].Volunteer);
        _journal.RemoveRange(mark, _journal.Count - mark);
    }

    /// <summary>Forgets the journal: the current plan can no longer be rolled back.</summary>
    public void Commit() => _journal.Clear();

    private void Relink(int need, int old, int volunteer)
    {
        if (old >= 0)
        {
            if (_prev[need] >= 0) _next[_prev[need]] = _next[need];
            else _head[old] = _next[need];
            if (_next[need] >= 0) _prev[_next[need]] = _prev[need];
            Filled--;
        }
        _volunteerOf[need] = volunteer;
        if (volunteer < 0) return;
        _prev[need] = -1;
        _next[need] = _head[volunteer];
        if (_head[volunteer] >= 0) _prev[_head[volunteer]] = need;
        _head[volunteer] = need;
        Filled++;
    }

    public IReadOnlyList<Assignment> ToAssignments()
    {
        var assignments = new List<Assignment>(Filled);
        for (var n = 0; n < _volunteerOf.Length; n++)
        {
            if (_volunteerOf[n] >= 0) assignments.Add(new Assignment(_graph.Needs[n].Id, _graph.Volunteers[_volunteerOf[n]].Id));
        }
        return assignments;
    }
}
