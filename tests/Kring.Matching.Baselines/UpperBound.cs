using Kring.Matching.Planning;

namespace Kring.Matching.Baselines;

/// <summary>
/// An upper bound on the number of needs any valid plan can fill: the lower of a flow bound and a Lagrangian bound.
/// The flow bound is a maximum flow in which each volunteer's candidate needs are grouped per ISO week into clusters
/// of mutually reachable overlaps; a cluster accepts at most as many needs as its largest set of non-overlapping
/// ones, and a week at most as many as its shortest needs fit in the spare hours. Every valid plan is such a flow.
/// </summary>
public static class UpperBound
{
    /// <param name="filled">The size of a known valid plan, to aim the Lagrangian steps; the greedy plan when null.</param>
    /// <param name="iterations">Subgradient steps of the Lagrangian bound; 0 gives the flow bound alone.</param>
    public static int Compute(CandidateGraph graph, int? filled = null, int iterations = 200)
    {
        var state = new PlanState(graph);
        var flow = FlowBound(state);
        if (iterations == 0 || flow == 0) return flow;
        var known = filled ?? new GreedyPlanner().Plan(graph).Count;
        return Math.Min(flow, new LagrangianBound(state).Compute(known, iterations));
    }

    private static int FlowBound(PlanState state)
    {
        var graph = state.Graph;
        var flow = new MaxFlow();
        var source = flow.AddNode();
        var sink = flow.AddNode();
        var needNode = new int[graph.Needs.Count];
        for (var n = 0; n < graph.Needs.Count; n++)
        {
            if (graph.CandidatesOf(n).Length == 0) continue;
            needNode[n] = flow.AddNode();
            flow.AddEdge(source, needNode[n], 1);
        }

        var items = new List<(int Week, long Start, long End, int Need)>();
        for (var v = 0; v < graph.Volunteers.Count; v++)
        {
            items.Clear();
            foreach (var n in graph.NeedsOf(v))
            {
                var window = graph.Needs[n].Window;
                items.Add((state.WeekOf(n, v), window.Start.UtcTicks, window.End.UtcTicks, n));
            }
            items.Sort();
            for (var i = 0; i < items.Count;)
            {
                var weekEnd = i;
                while (weekEnd < items.Count && items[weekEnd].Week == items[i].Week) weekEnd++;
                var weekNode = flow.AddNode();
                flow.AddEdge(weekNode, sink, WeekCapacity(state, v, items, i, weekEnd));
                for (var c = i; c < weekEnd;)
                {
                    var clusterEnd = c + 1;
                    var reach = items[c].End;
                    while (clusterEnd < weekEnd && items[clusterEnd].Start < reach) reach = Math.Max(reach, items[clusterEnd++].End);
                    var clusterNode = flow.AddNode();
                    flow.AddEdge(clusterNode, weekNode, MostDisjoint(items, c, clusterEnd));
                    for (var k = c; k < clusterEnd; k++) flow.AddEdge(needNode[items[k].Need], clusterNode, 1);
                    c = clusterEnd;
                }
                i = weekEnd;
            }
        }
        return (int)flow.Run(source, sink);
    }

    /// <summary>How many of the items fit in the week's spare hours, taking the shortest first.</summary>
    private static int WeekCapacity(PlanState state, int v, List<(int Week, long Start, long End, int Need)> items, int from, int to)
    {
        var spare = state.SpareHours(v, items[from].Need);
        if (double.IsPositiveInfinity(spare)) return to - from;
        var hours = new double[to - from];
        for (var i = from; i < to; i++) hours[i - from] = state.Hours(items[i].Need);
        Array.Sort(hours);
        var count = 0;
        for (; count < hours.Length && hours[count] <= spare; count++) spare -= hours[count];
        return count;
    }

    /// <summary>The size of a largest set of pairwise non-overlapping items: earliest end first.</summary>
    private static int MostDisjoint(List<(int Week, long Start, long End, int Need)> items, int from, int to)
    {
        var byEnd = items.GetRange(from, to - from);
        byEnd.Sort((a, b) => a.End.CompareTo(b.End));
        var count = 0;
        var free = long.MinValue;
        foreach (var item in byEnd)
        {
            if (item.Start < free) continue;
            count++;
            free = item.End;
        }
        return count;
    }
}
