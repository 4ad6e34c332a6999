using Kring.Matching.Planning;

namespace Kring.Matching.Baselines;

/// <summary>
/// A Lagrangian upper bound: "each need at most once" gets a price λ per need and each volunteer-week's hour limit
/// a price μ per hour, after which every volunteer-week is an independent weighted interval scheduling problem,
/// solved exactly. For any prices ≥ 0 the result bounds the optimum (weak duality); subgradient steps lower it.
/// Overlaps across a week boundary are ignored, which only loosens the bound.
/// </summary>
internal sealed class LagrangianBound
{
    private readonly PlanState _state;
    private readonly int[] _groupStart; // items of group g are _items[_groupStart[g].._groupStart[g + 1]]
    private readonly double[] _budget; // spare hours of the volunteer-week, +∞ when unlimited
    private readonly int[] _items; // need indices, sorted by end within a group
    private readonly int[] _previous; // per item: how many items of its group end before it starts

    public LagrangianBound(PlanState state)
    {
        _state = state;
        var graph = state.Graph;
        var starts = new List<int>();
        var budgets = new List<double>();
        var items = new List<int>(graph.EdgeCount);
        var previous = new List<int>(graph.EdgeCount);
        var group = new List<(int Week, long End, int Need)>();
        for (var v = 0; v < graph.Volunteers.Count; v++)
        {
            group.Clear();
            foreach (var n in graph.NeedsOf(v)) group.Add((state.WeekOf(n, v), graph.Needs[n].Window.End.UtcTicks, n));
            group.Sort();
            for (var i = 0; i < group.Count;)
            {
                var first = items.Count;
                starts.Add(first);
                budgets.Add(state.SpareHours(v, group[i].Need));
                for (var week = group[i].Week; i < group.Count && group[i].Week == week; i++)
                {
                    var p = items.Count;
                    while (p > first && state.Overlap(items[p - 1], group[i].Need)) p--;
                    previous.Add(p - first);
                    items.Add(group[i].Need);
                }
            }
        }
        starts.Add(items.Count);
        _groupStart = [.. starts];
        _budget = [.. budgets];
        _items = [.. items];
        _previous = [.. previous];
    }

    /// <summary>
    /// The best bound after at most <paramref name="iterations"/> subgradient steps; <paramref name="filled"/> is a
    /// known plan's size.
    /// </summary>
    public int Compute(int filled, int iterations)
    {
        var needCount = _state.Graph.Needs.Count;
        var price = new double[needCount];
        var hourPrice = new double[_budget.Length];
        var taken = new int[needCount];
        var hoursUsed = new double[_budget.Length];
        var value = new double[_items.Length + 1];
        for (var n = 0; n < needCount; n++) price[n] = _state.Graph.CandidatesOf(n).Length > 0 ? 0.5 : 0;

        var best = double.PositiveInfinity;
        var step = 1.0;
        var sinceImproved = 0;
        for (var iteration = 0; iteration < iterations && best - filled >= 1; iteration++)
        {
            Array.Clear(taken);
            double bound = 0;
            for (var n = 0; n < needCount; n++) bound += price[n];
            for (var g = 0; g < _budget.Length; g++) bound += Solve(g, price, hourPrice[g], taken, hoursUsed, value);
            if (bound < best - 1e-9)
            {
                best = bound;
                sinceImproved = 0;
            }
            else if (++sinceImproved >= 10)
            {
                step /= 2;
                sinceImproved = 0;
            }

            // Polyak step towards the known plan size, on the components the projection onto ≥ 0 leaves free.
            double norm = 0;
            for (var n = 0; n < needCount; n++)
            {
                var gradient = 1 - taken[n];
                if (price[n] > 0 || gradient < 0) norm += gradient * gradient;
            }
            for (var g = 0; g < _budget.Length; g++)
            {
                var gradient = double.IsPositiveInfinity(_budget[g]) ? 0 : _budget[g] - hoursUsed[g];
                if (hourPrice[g] > 0 || gradient < 0) norm += gradient * gradient;
            }
            if (norm == 0) break;
            var t = step * (bound - filled) / norm;
            for (var n = 0; n < needCount; n++) price[n] = Math.Max(0, price[n] - t * (1 - taken[n]));
            for (var g = 0; g < _budget.Length; g++)
            {
                if (!double.IsPositiveInfinity(_budget[g])) hourPrice[g] = Math.Max(0, hourPrice[g] - t * (_budget[g] - hoursUsed[g]));
            }
        }
        // Floating-point sums over many needs are off by far less than 0.001.
        return (int)Math.Floor(best + 1e-3);
    }

    /// <summary>The best priced set of one volunteer-week, marking its needs in <paramref name="taken"/>.</summary>
    private double Solve(int g, double[] price, double hourPrice, int[] taken, double[] hoursUsed, double[] value)
    {
        var first = _groupStart[g];
        var count = _groupStart[g + 1] - first;
        value[first] = 0;
        for (var i = 0; i < count; i++)
        {
            var n = _items[first + i];
            var gain = 1 - price[n] - hourPrice * _state.Hours(n);
            value[first + i + 1] = Math.Max(value[first + i], value[first + _previous[first + i]] + gain);
        }
        hoursUsed[g] = 0;
        for (var i = count; i > 0;)
        {
            if (value[first + i] == value[first + i - 1])
            {
                i--;
                continue;
            }
            var n = _items[first + i - 1];
            taken[n]++;
            hoursUsed[g] += _state.Hours(n);
            i = _previous[first + i - 1];
        }
        var budget = double.IsPositiveInfinity(_budget[g]) ? 0 : hourPrice * _budget[g];
        return value[first + count] + budget;
    }
}
