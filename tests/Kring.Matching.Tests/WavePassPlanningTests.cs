using Kring.Matching.Baselines;
using Kring.Matching.Planning;
using Kring.Matching.Waves;
using static Kring.Matching.Tests.Make;
using static Kring.Matching.Tests.Shard;

namespace Kring.Matching.Tests;

/// <summary>A pass planned as a whole: fill first, then keeping offers, urgency and the ranking.</summary>
public sealed class WavePassPlanningTests
{
    [Fact]
    public void The_plan_fills_the_request_whose_only_volunteer_greedy_would_give_to_the_more_urgent_one()
    {
        // r1 ranks v-elsloo first; greedy by urgency gives her to r1 and leaves r2, which only she can do, empty.
        var index = Index(From("v-elsloo", "elsloo"), From("v-stein", "stein"));
        var choices = Pass(index).Plan([
            Request("r1", window: March(1, 9, 11), reach: Reach.Neighbours),
            Request("r2", window: March(1, 10, 12)),
        ]);
        Assert.Equal(["v-stein"], choices.Of("r1").Volunteers);
        Assert.Equal(["v-elsloo"], choices.Of("r2").Volunteers);
    }

    [Fact]
    public void Alternates_never_include_a_volunteer_planned_for_an_overlapping_request()
    {
        var index = Index(From("v-elsloo", "elsloo"), From("v-stein", "stein"), From("v-stein2", "stein"));
        var choices = Pass(index).Plan([
            Request("r1", window: March(1, 9, 11), reach: Reach.Neighbours),
            Request("r2", window: March(1, 10, 12)),
            Request("r3", window: March(1, 14, 15), reach: Reach.Neighbours),
        ]);
        Assert.Equal(["v-stein", "v-stein2"], choices.Of("r1").Volunteers);
        Assert.Equal(["v-elsloo"], choices.Of("r2").Volunteers);
        // Planned for r2 at another time, v-elsloo may still be an alternate of r3.
        Assert.Contains("v-elsloo", choices.Of("r3").Volunteers);
    }

    [Fact]
    public void An_alternate_is_in_one_wave_of_overlapping_requests_only()
    {
        var index = Index(From("v1", "elsloo"), From("v2", "elsloo"), From("v3", "elsloo"));
        var choices = Pass(index).Plan([Request("r1", window: March(1, 9, 11)), Request("r2", window: March(1, 10, 12))]);
        var waves = choices.Select(c => c.Volunteers).ToList();
        Assert.Equal(2, waves.Count);
        Assert.Empty(waves[0].Intersect(waves[1]));
        Assert.Equal(3, waves.Sum(w => w.Count));
    }

    [Fact]
    public void A_request_whose_village_volunteer_the_plan_needs_elsewhere_widens_in_the_same_pass()
    {
        var index = Index(From("v-elsloo", "elsloo"), From("v-elsloo2", "elsloo"), From("v-stein", "stein"));
        var choices = Pass(index, busy: [("v-elsloo2", March(1, 9, 13))]).Plan([
            Request("r1", window: March(1, 9, 11)),
            Request("r2", window: March(1, 10, 12)),
        ]);

        var village = Assert.Single(choices, c => c.Volunteers.Contains("v-elsloo"));
        var wider = Assert.Single(choices, c => c.Volunteers.Contains("v-stein"));
        Assert.Equal(["v-elsloo"], village.Volunteers);
        Assert.Equal(Reach.Village, village.Reach);
        Assert.Equal(["v-stein"], wider.Volunteers);
        Assert.Equal(Reach.Neighbours, wider.Reach);
    }

    [Fact]
    public void A_request_is_offered_to_its_own_village_first_and_its_wave_stays_there()
    {
        var index = Index(From("v-elsloo", "elsloo"), From("v-stein", "stein"), From("v-stein2", "stein"));
        var choice = Assert.Single(Pass(index).Plan([Request("r1")]));
        Assert.Equal(["v-elsloo"], choice.Volunteers);
        Assert.Equal(Reach.Village, choice.Reach);
    }

    [Fact]
    public void A_volunteer_holding_an_overlapping_offer_is_busy_and_a_reach_of_busy_volunteers_waits_without_widening()
    {
        var index = Index(From("v1", "elsloo"), From("v2", "elsloo"), From("v-stein", "stein"));
        var busy = new[] { ("v1", March(1, 11, 12)), ("v2", March(1, 9, 10)) };
        Assert.Equal(["v2"], Assert.Single(Pass(index, busy: busy).Plan([Request("r1")])).Volunteers);
        var bothBusy = new[] { ("v1", March(1, 11, 12)), ("v2", March(1, 10, 11)) };
        Assert.Empty(Pass(index, busy: bothBusy).Plan([Request("r1")]));
    }

    [Fact]
    public void The_hours_of_offers_held_elsewhere_count_towards_the_weekly_limit()
    {
        var limited = new VolunteerCandidate
        {
            Id = "v1",
            HomeVillage = "elsloo",
            Home = Elsloo,
            MaxKm = 10,
            Kinds = Codes("respite"),
            Skills = Codes("dementia"),
            Availability = new Availability { Slots = [March(1, 9, 17)] },
            MaxHoursPerWeek = 2,
        };
        var index = Index(limited, From("v2", "elsloo"));
        var choice = Assert.Single(Pass(index, busy: [("v1", March(1, 14, 15))]).Plan([Request("r1")]));
        Assert.Equal(["v2"], choice.Volunteers);
    }

    [Fact]
    public void The_reach_widens_only_when_nobody_in_it_is_eligible()
    {
        var index = Index(From("v1", "elsloo", commitments: [March(1, 11, 12)]), From("v-stein", "stein"));
        var choice = Assert.Single(Pass(index).Plan([Request("r1")]));
        Assert.Equal(Reach.Neighbours, choice.Reach);
        Assert.Equal(["v-stein"], choice.Volunteers);
    }

    [Fact]
    public void A_revisable_request_gives_its_volunteer_to_a_request_only_they_can_do()
    {
        var index = Index(From("v", "elsloo"), From("w", "stein"));
        // w holds an offer elsewhere from 11 to 12: free for a, not for b.
        var choices = Pass(index, busy: [("w", March(1, 11, 12))]).Plan([
            Request("a", window: March(1, 9, 11), reach: Reach.Neighbours, offered: ["v"]),
            Request("b", window: March(1, 10, 12)),
        ]);
        var a = choices.Of("a");
        Assert.False(a.Keep);
        Assert.Equal(["w"], a.Volunteers);
        Assert.Equal(["v"], choices.Of("b").Volunteers);
    }

    [Fact]
    public void A_revisable_request_keeps_its_offers_when_the_plan_fills_as_many_that_way()
    {
        var index = Index(From("v1", "elsloo"), From("v2", "elsloo"));
        var choices = Pass(index).Plan([
            Request("b", window: March(1, 9, 11)),
            Request("a", window: March(1, 10, 12), offered: ["v1"]),
        ]);
        var a = choices.Of("a");
        Assert.True(a.Keep);
        Assert.Equal(["v1"], a.Volunteers);
        Assert.Equal(["v2"], choices.Of("b").Volunteers);
    }

    [Fact]
    public void A_revisable_request_keeps_its_only_volunteer_against_a_more_urgent_due_request()
    {
        var index = Index(From("v1", "elsloo"));
        var choices = Pass(index).Plan([
            Request("b", window: March(1, 9, 11)),
            Request("a", window: March(1, 10, 12), offered: ["v1"]),
        ]);
        Assert.True(Assert.Single(choices).Keep);
    }

    [Theory]
    [InlineData(10, 11, 11, 13)]
    [InlineData(11, 12, 9, 11)]
    public void A_revisable_request_that_keeps_its_offer_for_want_of_candidates_holds_its_volunteer_against_other_requests(
        int busyFrom, int busyTo, int bFrom, int bTo)
    {
        // v1 holds another offer, so the plan cannot give a to v1 again; a keeps its offer all the same, and b, which
        // overlaps a but not that other offer, must not get v1 as well, whether it starts after a or before.
        var index = Index(From("v1", "elsloo"));
        var choices = Pass(index, busy: [("v1", March(1, busyFrom, busyTo))]).Plan([
            Request("b", window: March(1, bFrom, bTo)),
            Request("a", window: March(1, 10, 12), offered: ["v1"]),
        ]);
        Assert.True(choices.Of("a").Keep);
        Assert.DoesNotContain(choices, c => c.Request.Need.Id == "b");
    }

    [Fact]
    public void A_revisable_request_whose_only_volunteer_fills_two_others_withdraws_its_offer_and_waits()
    {
        var index = Index(From("v1", "elsloo"));
        var choices = Pass(index).Plan([
            Request("a", window: March(1, 9, 11), offered: ["v1"]),
            Request("b", window: March(1, 9, 10)),
            Request("c", window: March(1, 10, 11)),
        ]);
        var a = choices.Of("a");
        Assert.True(a.Waits);
        Assert.False(a.FoundNobody);
        Assert.Empty(a.Volunteers);
        Assert.Equal(["v1"], choices.Of("b").Volunteers);
        Assert.Equal(["v1"], choices.Of("c").Volunteers);
    }

    [Fact]
    public void A_revisable_request_withdraws_only_the_offer_whose_volunteer_another_request_needs()
    {
        var index = Index(From("v1", "elsloo"), From("v2", "stein"));
        var choices = Pass(index).Plan([
            Request("a", window: March(1, 10, 12), reach: Reach.Neighbours, offered: ["v1", "v2"]),
            Request("b", window: March(1, 9, 11), village: "stein"),
        ]);
        var a = choices.Of("a");
        Assert.False(a.Keep);
        Assert.Equal(["v1"], a.Volunteers);
        Assert.Equal(["v2"], choices.Of("b").Volunteers);
    }

    [Fact]
    public void Of_two_free_candidates_the_better_ranked_gets_the_request()
    {
        var index = Index(From("v-elsloo", "elsloo"), From("v-stein", "stein"));
        var choices = Pass(index, size: 1).Plan([
            Request("near", window: March(1, 9, 10), reach: Reach.Neighbours),
            Request("continuity", window: March(1, 11, 12), reach: Reach.Neighbours, previous: ["v-stein"]),
        ]);
        Assert.Equal(["v-elsloo"], choices.Of("near").Volunteers);
        Assert.Equal(["v-stein"], choices.Of("continuity").Volunteers);
    }

    [Fact]
    public void The_preferred_volunteer_is_reserved_for_the_rest_of_the_pass()
    {
        var index = Index(From("v1", "elsloo"), From("v2", "elsloo"));
        var choices = Pass(index).Plan([
            Request("urgent", window: March(1, 9, 11)),
            Request("series", window: March(1, 10, 12), preferred: "v1", series: "s"),
        ]);
        Assert.Equal(["v1"], choices.Of("series").Volunteers);
        Assert.Equal(["v2"], choices.Of("urgent").Volunteers);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_crowded_pass_is_a_valid_plan_at_least_as_full_as_first_come_first_served_and_reproducible(int seed)
    {
        var instance = RandomInstance.Create(seed, volunteers: 12, needs: 30, areaKm: 2, days: 1);
        var index = Index([.. instance.Volunteers]);
        var requests = instance.Needs.Select(n => new WaveRequest(n, "stein", Reach.Municipality, new HashSet<string>())).ToList();
        var choices = Pass(index).Plan(requests);
        static IEnumerable<string> Waves(IEnumerable<WaveChoice> choices) => choices.Select(c => string.Join(',', c.Volunteers));
        Assert.Equal(Waves(choices), Waves(Pass(index).Plan(requests)));

        var planned = choices.Where(c => !c.FoundNobody).Select(c => new Assignment(c.Request.Need.Id, c.Volunteers[0])).ToList();
        Assert.Empty(PlanValidator.Validate(instance.Volunteers, instance.Needs, planned));
        var byUrgency = instance.Needs.Order(Comparer<HelpNeed>.Create(CandidateRanker.CompareUrgency)).ToList();
        Assert.True(planned.Count >= new GreedyPlanner().Plan(instance.Volunteers, byUrgency).Count);
        Assert.Equal(new ExactPlanner().Solve(CandidateGraph.Build(instance.Volunteers, instance.Needs)).Assignments.Count, planned.Count);
        foreach (var (a, b) in choices.SelectMany((a, i) => choices.Skip(i + 1).Select(b => (a, b))))
        {
            if (a.Request.Need.Window.Overlaps(b.Request.Need.Window)) Assert.Empty(a.Volunteers.Intersect(b.Volunteers));
        }
    }
}
