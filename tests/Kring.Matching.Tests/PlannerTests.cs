using Kring.Matching.Baselines;
using Kring.Matching.Planning;
using static Kring.Matching.Tests.Make;

namespace Kring.Matching.Tests;

public sealed class PlannerTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Planner_is_valid_and_never_worse_than_greedy(int seed)
    {
        var instance = RandomInstance.Create(seed, volunteers: 40, needs: 120);
        var graph = CandidateGraph.Build(instance.Volunteers, instance.Needs);
        var planned = new BatchPlanner().Plan(graph);
        var greedy = new GreedyPlanner().Plan(graph);
        Assert.Empty(PlanValidator.Validate(instance.Volunteers, instance.Needs, planned));
        Assert.Empty(PlanValidator.Validate(instance.Volunteers, instance.Needs, greedy));
        Assert.True(planned.Count >= greedy.Count, $"planner {planned.Count} < greedy {greedy.Count}");
        Assert.True(planned.Count <= UpperBound.Compute(graph));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Planner_reaches_the_exact_optimum_on_small_instances(int seed)
    {
        // Crowded into one day and two kilometres, so volunteers compete and greedy usually falls short.
        var instance = RandomInstance.Create(seed, volunteers: 12, needs: 30, areaKm: 2, days: 1);
        var graph = CandidateGraph.Build(instance.Volunteers, instance.Needs);
        var exact = new ExactPlanner().Solve(graph);
        Assert.True(exact.Optimal);
        Assert.Empty(PlanValidator.Validate(instance.Volunteers, instance.Needs, exact.Assignments));
        Assert.Equal(exact.Assignments.Count, new BatchPlanner().Plan(graph).Count);
        Assert.True(UpperBound.Compute(graph) >= exact.Assignments.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Exact_planner_matches_brute_force(int seed)
    {
        var instance = RandomInstance.Create(seed, volunteers: 4, needs: 8, areaKm: 1, days: 1);
        var graph = CandidateGraph.Build(instance.Volunteers, instance.Needs);
        Assert.Equal(BruteForce(instance), new ExactPlanner().Solve(graph).Assignments.Count);
    }

    [Fact]
    public void Planner_beats_first_come_first_served_where_it_blocks_a_specialist()
    {
        // v1 can do both kinds and comes first, so FCFS gives it r1 and nobody is left for r2.
        var volunteers = new[] { Volunteer("v1", kinds: "respite,buddy"), Volunteer("v2", kinds: "respite") };
        var needs = new[] { Need("r1", kind: "respite"), Need("r2", kind: "buddy") };
        Assert.Single(new GreedyPlanner().Plan(volunteers, needs));
        var planned = new BatchPlanner().Plan(volunteers, needs);
        Assert.Equal([new Assignment("r1", "v2"), new Assignment("r2", "v1")], planned.OrderBy(a => a.NeedId));
    }

    [Fact]
    public void Planner_fits_two_short_visits_instead_of_one_long_one()
    {
        var volunteer = Volunteer(maxHoursPerWeek: 3, availability: new Availability { Slots = [March(1, 9, 17)] });
        var needs = new[] { Need("long", window: March(1, 9, 12)), Need("short1", window: March(1, 12, 13.5)),
            Need("short2", window: March(1, 14, 15.5)) };
        Assert.Equal(["long"], new GreedyPlanner().Plan([volunteer], needs).Select(a => a.NeedId));
        Assert.Equal(["short1", "short2"], new BatchPlanner().Plan([volunteer], needs).Select(a => a.NeedId).Order());
    }

    [Fact]
    public void Planner_uses_weekly_slots_on_both_sides_of_the_clock_change()
    {
        var weekly = new Availability { Weekly = [new WeeklySlot(DayOfWeek.Tuesday, new TimeOnly(14, 0), new TimeOnly(17, 0))] };
        var needs = new[] { Need("winter", window: March(23, 14, 17)), Need("summer", window: March(30, 14, 17)),
            Need("late", window: March(30, 15, 18)) };
        var planned = new BatchPlanner().Plan([Volunteer(availability: weekly)], needs);
        Assert.Equal(["summer", "winter"], planned.Select(a => a.NeedId).Order());
    }

    [Fact]
    public void A_graph_from_explicit_candidates_sorts_them_and_drops_repeats()
    {
        var volunteers = new[] { Volunteer("v1"), Volunteer("v2"), Volunteer("v3") };
        var needs = new[] { Need("r1"), Need("r2", window: March(1, 9, 10)) };
        var graph = CandidateGraph.FromCandidates(volunteers, needs, [[2, 0, 2], []]);
        Assert.Equal([0, 2], graph.CandidatesOf(0).ToArray());
        Assert.Empty(graph.CandidatesOf(1).ToArray());
        Assert.Equal([0], graph.NeedsOf(2).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => CandidateGraph.FromCandidates(volunteers, needs, [[3], []]));
        Assert.Throws<ArgumentException>(() => CandidateGraph.FromCandidates(volunteers, needs, [[0]]));
    }

    [Fact]
    public void Validator_reports_each_broken_rule()
    {
        var volunteers = new[] { Volunteer("v1", maxHoursPerWeek: 2, availability: new Availability { Slots = [March(1, 9, 17)] }) };
        var needs = new[]
        {
            Need("a", window: March(1, 9, 10.5)), Need("b", window: March(1, 10, 11)), Need("c", window: March(1, 13, 14)),
            Need("d", kind: "transport", window: March(1, 15, 16)),
        };
        var reasons = PlanValidator.Validate(volunteers, needs,
            [new("a", "v1"), new("b", "v1"), new("c", "v1"), new("d", "v1"), new("a", "v1"), new("x", "v1"), new("c", "nobody")])
            .Select(v => $"{v.NeedId}:{v.Reason}").Order().ToArray();
        Assert.Equal(["a:AssignedTwice", "a:Overlap", "b:Overlap", "c:HoursExceeded", "c:UnknownVolunteer", "d:WrongKind", "x:UnknownNeed"],
            reasons);
    }

    /// <summary>The largest valid plan by trying every assignment, judged by the validator alone.</summary>
    private static int BruteForce(RandomInstance instance)
    {
        var choice = new int[instance.Needs.Count];
        var best = 0;
        void Try(int n)
        {
            var plan = Enumerable.Range(0, n).Where(i => choice[i] >= 0)
                .Select(i => new Assignment(instance.Needs[i].Id, instance.Volunteers[choice[i]].Id)).ToList();
            if (PlanValidator.Validate(instance.Volunteers, instance.Needs, plan).Count > 0) return;
            if (n == choice.Length)
            {
                best = Math.Max(best, plan.Count);
                return;
            }
            for (var v = -1; v < instance.Volunteers.Count; v++)
            {
                choice[n] = v;
                Try(n + 1);
            }
        }
        Try(0);
        return best;
    }
}
