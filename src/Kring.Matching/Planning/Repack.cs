namespace Kring.Matching.Planning;

/// <summary>
/// Re-chooses each volunteer's needs, week by week, as a largest feasible set among the needs they hold and their
/// unfilled candidates, and applies it when it is larger than what they hold. Needs they drop become unfilled, for
/// the repair to re-seat. Per week this is an exact dynamic programme over the needs sorted by end: the least hours
/// needed to take c non-overlapping needs among the first i.
/// </summary>
internal sealed class Repack(PlanState state)
{
    private readonly List<int> _items = [];
    private readonly List<int> _held = [];
    private readonly List<int> _weeks = [];

    public void Run()
    {
        for (var v = 0; v < state.Graph.Volunteers.Count; v++) RepackVolunteer(v);
    }

    private void RepackVolunteer(int v)
    {
        _weeks.Clear();
        foreach (var n in state.Graph.NeedsOf(v))
        {
            if (state.VolunteerOf(n) < 0 && !_weeks.Contains(state.WeekOf(n, v))) _weeks.Add(state.WeekOf(n, v));
        }
        foreach (var week in _weeks) RepackWeek(v, week);
    }

    private void RepackWeek(int v, int week)
    {
        _held.Clear();
        for (var q = state.First(v); q >= 0; q = state.Next(q))
        {
            if (state.WeekOf(q, v) == week) _held.Add(q);
        }
        _items.Clear();
        foreach (var n in state.Graph.NeedsOf(v))
        {
            var owner = state.VolunteerOf(n);
            if (owner == v ? state.WeekOf(n, v) == week : owner < 0 && state.WeekOf(n, v) == week && !ClashesWithOtherWeeks(v, n, week))
            {
                _items.Add(n);
            }
        }
        if (_items.Count <= _held.Count) return;
        _items.Sort((a, b) => state.Graph.Needs[a].Window.End.CompareTo(state.Graph.Needs[b].Window.End));

        // least[i, c]: least hours for c non-overlapping needs among the first i. No set beats the earliest-end greedy's size.
        var k = _items.Count;
        var most = MostDisjoint();
        if (most <= _held.Count) return;
        var budget = state.IsLimited(v) ? SpareHoursIfEmpty(v, week) : double.PositiveInfinity;
        var least = new double[k + 1, most + 1];
        for (var c = 1; c <= most; c++) least[0, c] = double.PositiveInfinity;
        var previous = new int[k];
        for (var i = 0; i < k; i++)
        {
            // Sorted by end, the items that end before item i starts are a prefix.
            var p = i;
            while (p > 0 && state.Overlap(_items[p - 1], _items[i])) p--;
            previous[i] = p;
            least[i + 1, 0] = 0;
            for (var c = 1; c <= most; c++) least[i + 1, c] = Math.Min(least[i, c], least[p, c - 1] + state.Hours(_items[i]));
        }
        var best = most;
        while (best > 0 && least[k, best] > budget) best--;
        if (best <= _held.Count) return;

        var chosen = new List<int>(best);
        for (int i = k, c = best; c > 0; i--)
        {
            if (least[i, c] == least[i - 1, c]) continue;
            chosen.Add(_items[i - 1]);
            i = previous[i - 1] + 1;
            c--;
        }
        foreach (var n in _held) state.Move(n, -1);
        foreach (var n in chosen) state.Move(n, v);
    }

    private int MostDisjoint()
    {
        var count = 0;
        var last = -1;
        foreach (var n in _items)
        {
            if (last >= 0 && state.Overlap(last, n)) continue;
            count++;
            last = n;
        }
        return count;
    }

    private bool ClashesWithOtherWeeks(int v, int need, int week)
    {
        for (var q = state.First(v); q >= 0; q = state.Next(q))
        {
            if (state.WeekOf(q, v) != week && state.Overlap(q, need)) return true;
        }
        return false;
    }

    private double SpareHoursIfEmpty(int v, int week)
    {
        var candidate = state.Graph.Volunteers[v];
        var anyNeed = _items[0];
        var committed = candidate.Commitments.Count == 0 ? 0 : Eligibility.HoursInWeek(candidate, state.Graph.Needs[anyNeed].Window);
        return candidate.MaxHoursPerWeek + 1e-9 - committed;
    }
}
