using Kring.Matching.Waves;
using static Kring.Matching.Tests.Make;
using static Kring.Matching.Tests.Shard;

namespace Kring.Matching.Tests;

public sealed class WavePassTests
{
    [Fact]
    public void The_index_knows_the_region_and_the_villages_near_its_border()
    {
        var index = Index();
        Assert.Equal(["elsloo", "stein"], index.RegionVillages.Order());
        Assert.DoesNotContain("venlo", index.Villages);
        Assert.True(index.TryLocate("stein", out var stein));
        Assert.Equal(Stein, stein);
        Assert.Contains("elsloo", index.Neighbours("stein"));
        Assert.Empty(index.Neighbours("nowhere"));
    }

    [Fact]
    public void A_wave_starts_in_the_village_and_widens_to_the_neighbours_when_it_has_nobody()
    {
        var index = Index(From("v-stein", "stein"));
        var choice = Assert.Single(Pass(index).Plan([Request("r1")]));
        Assert.Equal(Reach.Neighbours, choice.Reach);
        Assert.Equal(["v-stein"], choice.Volunteers);
    }

    [Fact]
    public void Nobody_left_reaches_the_coordinator()
    {
        var index = Index(From("v1", "elsloo"));
        var choice = Assert.Single(Pass(index).Plan([Request("r1", tried: ["v1"])]));
        Assert.True(choice.FoundNobody);
        Assert.Equal(Reach.Coordinator, choice.Reach);
    }

    [Fact]
    public void A_request_that_has_started_gets_no_wave()
    {
        var index = Index(From("v1", "elsloo"));
        Assert.Empty(Pass(index).Plan([Request("r1", window: new TimeWindow(Now, Now.AddHours(1)))]));
    }

    [Fact]
    public void The_most_urgent_of_two_overlapping_requests_gets_the_only_volunteer_and_the_other_waits_without_widening()
    {
        var index = Index(From("v1", "elsloo"));
        var choices = Pass(index).Plan([Request("r2", window: March(1, 10, 12)), Request("r1", window: March(1, 9, 11))]);
        var choice = Assert.Single(choices);
        Assert.Equal("r1", choice.Request.Need.Id);
        Assert.Equal(["v1"], choice.Volunteers);
    }

    [Fact]
    public void One_volunteer_can_get_two_requests_that_do_not_overlap()
    {
        var index = Index(From("v1", "elsloo"));
        var choices = Pass(index).Plan([Request("r1", window: March(1, 9, 10)), Request("r2", window: March(1, 11, 12))]);
        Assert.Equal(2, choices.Count(c => c.Volunteers.SequenceEqual(["v1"])));
    }

    [Fact]
    public void The_preferred_volunteer_is_asked_alone_at_the_same_reach()
    {
        var index = Index(From("v1", "elsloo"), From("v2", "elsloo"), From("v-stein", "stein"));
        var choice = Assert.Single(Pass(index).Plan([Request("r1", preferred: "v-stein")]));
        Assert.Equal(["v-stein"], choice.Volunteers);
        Assert.Equal(Reach.Village, choice.Reach);
    }

    [Fact]
    public void A_preferred_volunteer_already_tried_is_not_asked_again()
    {
        var index = Index(From("v1", "elsloo"), From("v2", "elsloo"));
        var choice = Assert.Single(Pass(index).Plan([Request("r1", preferred: "v1", tried: ["v1"])]));
        Assert.Equal(["v2"], choice.Volunteers);
    }

    [Fact]
    public void A_series_is_offered_one_occurrence_at_a_time()
    {
        var index = Index(From("v1", "elsloo"), From("v2", "elsloo"));
        var first = Request("r1", window: March(1, 9, 10), series: "s");
        var second = Request("r2", window: March(1, 11, 12), series: "s");
        var choice = Assert.Single(Pass(index).Plan([second, first]));
        Assert.Equal("r1", choice.Request.Need.Id);
    }

    [Fact]
    public void An_occurrence_waits_while_an_earlier_one_has_offers_out_unless_someone_took_the_series()
    {
        var index = Index(From("v1", "elsloo"));
        var offered = new[] { ("s", March(1, 8, 9).Start) };
        Assert.Empty(Pass(index, offered: offered).Plan([Request("r2", window: March(1, 11, 12), series: "s")]));
        var preferred = Request("r2", window: March(1, 11, 12), series: "s", preferred: "v1");
        Assert.Equal(["v1"], Assert.Single(Pass(index, offered: offered).Plan([preferred])).Volunteers);
    }

    [Fact]
    public void A_wave_holds_at_most_the_wave_size()
    {
        var index = Index(From("v1", "elsloo"), From("v2", "elsloo"), From("v3", "elsloo"));
        Assert.Equal(2, Assert.Single(Pass(index, size: 2).Plan([Request("r1")])).Volunteers.Count);
    }
}
