using Kring.Matching.Planning;

namespace Kring.Matching.Baselines;

/// <summary>The outcome of <see cref="ExactPlanner.Solve"/>. Optimal is false when the node limit cut the search short.</summary>
public sealed record ExactSolution(IReadOnlyList<Assignment> Assignments, bool Optimal, long Nodes);

/// <summary>
/// Exhaustive branch and bound for small instances (tens of needs): every need, most constrained first, is tried
/// with each volunteer who can take it and left unfilled; a branch is cut when the needs still placeable one by one
/// cannot beat the best plan found. It starts from the <see cref="BatchPlanner"/> plan, so it returns at least that,
/// and stops as soon as a plan reaches the <see cref="UpperBound"/>.
/// </summary>
public sealed class ExactPlanner(long nodeLimit = 20_000_000) : IPlanner
{
    public IReadOnlyList<Assignment> Plan(CandidateGraph graph) => Solve(graph).Assignments;

    public ExactSolution Solve(CandidateGraph graph)
    {
        var start = new BatchPlanner().Plan(graph);
        var bound = UpperBound.Compute(graph, start.Count);
        if (start.Count >= bound) return new ExactSolution(start, true, 0);
        var search = new Search(graph, nodeLimit, start.Count, bound);
        search.Run();
        return search.Best is { } best
            ? new ExactSolution(best, !search.LimitHit, search.Nodes)
            : new ExactSolution(start, !search.LimitHit, search.Nodes);
    }

    private sealed class Search(CandidateGraph graph, long nodeLimit, int bestCount, int upperBound)
    {
        private readonly PlanState _state = new(graph);
        private readonly int[] _order = Enumerable.Range(0, graph.Needs.Count)
            .Where(n => graph.CandidatesOf(n).Length > 0)
            .OrderBy(n => graph.CandidatesOf(n).Length).ThenBy(n => n)
            .ToArray();

        public IReadOnlyList<Assignment>? Best { get; private set; }
        public long Nodes { get; private set; }
        public bool LimitHit { get; private set; }

        public void Run() => Branch(0);

        private void Branch(int depth)
        {
            if (bestCount == upperBound) return;
            if (++Nodes > nodeLimit)
            {
                LimitHit = true;
                return;
            }
            if (_state.Filled + Placeable(depth) <= bestCount) return;
            if (depth == _order.Length)
            {
                bestCount = _state.Filled;
                Best = _state.ToAssignments();
                return;
            }
            var need = _order[depth];
            foreach (var v in graph.CandidatesOf(need))
            {
                if (!_state.CanTake(v, need)) continue;
                _state.Move(need, v);
                Branch(depth + 1);
                _state.Move(need, -1);
                if (LimitHit) return;
            }
            Branch(depth + 1);
        }

        /// <summary>How many needs from <paramref name="depth"/> on some volunteer could still take, each on its own.</summary>
        private int Placeable(int depth)
        {
            var count = 0;
            for (var i = depth; i < _order.Length; i++)
            {
                foreach (var v in graph.CandidatesOf(_order[i]))
                {
                    if (!_state.CanTake(v, _order[i])) continue;
                    count++;
                    break;
                }
            }
            return count;
        }
    }
}
