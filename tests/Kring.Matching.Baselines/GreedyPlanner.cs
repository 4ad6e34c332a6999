using Kring.Matching.Planning;

namespace Kring.Matching.Baselines;

/// <summary>First come, first served: needs in input order, each to the first volunteer (in input order) who can take it.</summary>
public sealed class GreedyPlanner : IPlanner
{
    public IReadOnlyList<Assignment> Plan(CandidateGraph graph)
    {
        var state = new PlanState(graph);
        for (var n = 0; n < graph.Needs.Count; n++)
        {
            foreach (var v in graph.CandidatesOf(n))
            {
                if (!state.CanTake(v, n)) continue;
                state.Move(n, v);
                break;
            }
        }
        return state.ToAssignments();
    }
}
