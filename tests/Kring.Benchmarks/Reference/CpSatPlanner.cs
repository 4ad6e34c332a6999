using System.Diagnostics;
using Google.OrTools.Sat;
using Kring.Matching;
using Kring.Matching.Planning;
using PlannedAssignment = Kring.Matching.Planning.Assignment;

namespace Kring.Benchmarks.Reference;

/// <summary>The outcome of <see cref="CpSatPlanner.Solve"/>; <see cref="Optimal"/> only when CP-SAT proved it.</summary>
public sealed record CpSatSolution(IReadOnlyList<PlannedAssignment> Assignments, bool Optimal, double Bound, string Status, TimeSpan Time);

/// <summary>
/// The exact optimum for the benchmarks, with Google's CP-SAT: a boolean per eligible (need, volunteer) pair of the
/// <see cref="CandidateGraph"/>, each need filled at most once, no two overlapping needs for one volunteer (one
/// at-most-one per set of needs under way at the same moment), each volunteer's hours per
/// ISO week (Amsterdam) within their limit less what they already promised that week, and the count maximised.
/// </summary>
public sealed class CpSatPlanner(TimeSpan timeLimit, int workers)
{
    public CpSatSolution Solve(CandidateGraph graph, IReadOnlyList<PlannedAssignment>? hint = null)
    {
        var clock = Stopwatch.StartNew();
        var model = new CpModel();
        var pairs = Pairs(graph, model);
        if (pairs.Count == 0) return new CpSatSolution([], true, 0, "EMPTY", clock.Elapsed);
        foreach (var need in pairs.GroupBy(p => p.Need).Where(g => g.Count() > 1)) model.AddAtMostOne(need.Select(p => p.Chosen));
        foreach (var volunteer in pairs.GroupBy(p => p.Volunteer))
        {
            var mine = volunteer.ToList();
            foreach (var clique in Overlapping(graph, mine)) model.AddAtMostOne(clique.Select(p => p.Chosen));
            LimitHours(graph, model, graph.Volunteers[volunteer.Key], mine);
        }
        model.Maximize(LinearExpr.Sum(pairs.Select(p => p.Chosen)));
        if (hint is not null)
        {
            var hinted = hint.Select(a => (a.NeedId, a.VolunteerId)).ToHashSet();
            foreach (var p in pairs) model.AddHint(p.Chosen, hinted.Contains((graph.Needs[p.Need].Id, graph.Volunteers[p.Volunteer].Id)));
        }

        var solver = new CpSolver
        {
            StringParameters = FormattableString.Invariant($"max_time_in_seconds:{timeLimit.TotalSeconds}, num_workers:{workers}"),
        };
        var status = solver.Solve(model);
        var found = status is CpSolverStatus.Optimal or CpSolverStatus.Feasible
            ? pairs.Where(p => solver.BooleanValue(p.Chosen))
                .Select(p => new PlannedAssignment(graph.Needs[p.Need].Id, graph.Volunteers[p.Volunteer].Id)).ToList()
            : [];
        return new CpSatSolution(found, status == CpSolverStatus.Optimal, solver.BestObjectiveBound, status.ToString(), clock.Elapsed);
    }

    private sealed record Pair(int Need, int Volunteer, BoolVar Chosen);

    private static List<Pair> Pairs(CandidateGraph graph, CpModel model)
    {
        var pairs = new List<Pair>(graph.EdgeCount);
        for (var n = 0; n < graph.Needs.Count; n++)
        {
            foreach (var v in graph.CandidatesOf(n)) pairs.Add(new Pair(n, v, model.NewBoolVar("")));
        }
        return pairs;
    }

    /// <summary>
    /// One volunteer's needs that are all under way at some moment: for half-open windows, the maximal sets of mutually
    /// overlapping ones are those under way at one of their starts. One at-most-one per set says the same as a no-overlap
    /// constraint and is far stronger in CP-SAT's linear relaxation.
    /// </summary>
    private static IEnumerable<List<Pair>> Overlapping(CandidateGraph graph, List<Pair> mine)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var at in mine.Select(p => graph.Needs[p.Need].Window.Start).Distinct())
        {
            var clique = mine.Where(p => graph.Needs[p.Need].Window is var w && w.Start <= at && at < w.End).OrderBy(p => p.Need).ToList();
            if (clique.Count > 1 && seen.Add(string.Join(',', clique.Select(p => p.Need)))) yield return clique;
        }
    }

    /// <summary>Hours per ISO week, in whole seconds: a need's length rounded up, the budget rounded down.</summary>
    private static void LimitHours(CandidateGraph graph, CpModel model, VolunteerCandidate volunteer, List<Pair> mine)
    {
        if (double.IsPositiveInfinity(volunteer.MaxHoursPerWeek)) return;
        var zone = volunteer.Availability.Zone;
        foreach (var week in mine.GroupBy(p => graph.Needs[p.Need].Window.IsoWeek(zone)))
        {
            var window = graph.Needs[week.First().Need].Window;
            var left = volunteer.MaxHoursPerWeek - Eligibility.HoursInWeek(volunteer, window);
            var budget = (long)Math.Floor(left * 3600 + 1e-6);
            var sizes = week.Select(p => Seconds(graph.Needs[p.Need].Window.Duration)).ToArray();
            if (sizes.Sum() > budget) model.Add(LinearExpr.WeightedSum(week.Select(p => p.Chosen), sizes) <= budget);
        }
    }

    private static long Seconds(TimeSpan span) => (long)Math.Ceiling(span.TotalSeconds - 1e-9);
}
