using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>The path of a request from submission to match, with one volunteer per wave.</summary>
public sealed class MatchingFlowTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private readonly World _world = new(cluster.Client);

    [Fact]
    public async Task Submitting_is_idempotent_offers_an_eligible_volunteer_and_accepting_matches_and_books_the_volunteer()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleId = await w.Circle(village, "kring");
        var youngCircle = await w.Circle(village, "jong", carerAge: 17);
        var vera = await w.Volunteer("vera", village, skills: ["dementia"]);
        var circle = w.Circle(circleId);

        var request = w.Request("hulp", World.Wednesday10, TimeSpan.FromHours(2), "Dementia ");
        await SubmitAndAssertSubmittingAgainChangesNothing(circle, request);

        // A second request that nobody can take, so the overview has something open.
        var nobody = w.Request("rolstoel", World.Wednesday10.AddHours(3), TimeSpan.FromHours(1), "wheelchair");
        await w.Circle(youngCircle).SubmitRequest(nobody);

        var stored = (await circle.Get())!;
        Assert.Single(stored.Requests);
        var members = await w.VillageGrain(village).GetMembers();
        Assert.Single(members.Requests, r => r.Id == request.Id);

        var offer = await w.PendingOffer(vera, request.Id);
        Assert.Equal(circleId, offer.CircleId);
        Assert.Equal(village, offer.Village);
        Assert.Equal(request.Start, offer.Start);
        Assert.Equal(request.End, offer.End);
        Assert.Single(await w.Volunteer(vera).GetOffers());

        var overview = await Eventually.Until(() => w.VillageGrain(village).GetOverview(), o => o.Offered == 1,
            "the village counts the request as offered");
        Assert.Equal((1, 1, 0), (overview.Open, overview.Offered, overview.Matched));
        Assert.Equal((2, 1, 1), (overview.Carers, overview.YoungCarers, overview.Volunteers));
        Assert.Equal(RequestStatus.Offered, (await w.RequestIn(circleId, request.Id)).Status);

        Assert.Equal(OfferReply.Accepted, await w.Volunteer(vera).Accept(offer.Id));

        await AssertMatchedAndBooked(circleId, vera, request, offer);

        overview = await w.VillageGrain(village).GetOverview();
        Assert.Equal((1, 0, 1), (overview.Open, overview.Offered, overview.Matched));
        // The matched request leaves matching; the one nobody can take stays.
        await w.PendingBecomes(1);
    }

    /// <summary>
    /// Submitting the same request again, or twice at once with other notes, returns the first one unchanged; the first is open,
    /// created now, with its needs normalised.
    /// </summary>
    private async Task SubmitAndAssertSubmittingAgainChangesNothing(ICarerCircleGrain circle, NewHelpRequest request)
    {
        var first = await circle.SubmitRequest(request);
        var again = await circle.SubmitRequest(request);
        var concurrent = await Task.WhenAll(circle.SubmitRequest(request), circle.SubmitRequest(request with { Notes = "changed" }));
        foreach (var view in concurrent.Append(again))
        {
            Assert.Equal(first.Id, view.Id);
            Assert.Equal(first.CreatedAt, view.CreatedAt);
            Assert.Null(view.Notes);
        }
        Assert.Equal(["dementia"], first.Needs);
        Assert.Equal(RequestStatus.Open, first.Status);
        Assert.Equal(cluster.Clock.GetUtcNow(), first.CreatedAt);
    }

    /// <summary>The request is matched to the volunteer, and both the volunteer's schedule and the circle have the booking.</summary>
    private async Task AssertMatchedAndBooked(string circleId, string vera, NewHelpRequest request, Offer offer)
    {
        var w = _world;
        var matched = await w.RequestIn(circleId, request.Id);
        Assert.Equal(RequestStatus.Matched, matched.Status);
        Assert.Equal(vera, matched.VolunteerId);
        Assert.Equal([RequestStatus.Open, RequestStatus.Offered, RequestStatus.Matched], matched.History.Select(h => h.Status));
        var assignment = Assert.Single(await w.Volunteer(vera).GetAssignments());
        Assert.Equal((request.Id, circleId, request.Start, request.End, offer.Id),
            (assignment.RequestId, assignment.CircleId, assignment.Start, assignment.End, assignment.OfferId));
        Assert.Equal(OfferStatus.Accepted, (await w.OfferFor(vera, request.Id))!.Status);
        Assert.Equal([vera], (await w.Circle(circleId).Get())!.Helpers);
    }

    [Fact]
    public async Task Volunteers_who_break_a_hard_constraint_get_no_offer()
    {
        var w = _world;
        var here = await w.Village("hier", 50.9497, 5.7812);
        var farAway = await w.Village("ver", 51.2500, 5.7812); // about 33 km north
        var circleId = await w.Circle(here, "kring");
        var otherCircle = await w.Circle(here, "ander");
        var wednesday = World.WednesdayDaytime;

        // "busy" is eligible in every way, but first takes a request that overlaps the one under test.
        var busy = await w.Volunteer("busy", here, skills: ["dementia"]);
        var earlier = w.Request("eerder", World.Wednesday10, TimeSpan.FromHours(2), "dementia");
        await w.Circle(otherCircle).SubmitRequest(earlier);
        var earlierOffer = await w.PendingOffer(busy, earlier.Id);
        Assert.Equal(OfferReply.Accepted, await w.Volunteer(busy).Accept(earlierOffer.Id));
        await w.PendingBecomes(0);

        var ineligible = new[]
        {
            busy,
            await w.Volunteer("wrong-kind", here, kinds: [HelpKind.Respite], skills: ["dementia"]),
            await w.Volunteer("no-skill", here, skills: ["cooking"]),
            await w.Volunteer("thursdays", here, new([new WeeklySlotDto(DayOfWeek.Thursday, new(9, 0), new(17, 0))], [], false),
                skills: ["dementia"]),
            await w.Volunteer("too-far", farAway, skills: ["dementia"], maxKm: 10),
            await w.Volunteer("paused", here, wednesday with { Paused = true }, skills: ["dementia"]),
            await w.Volunteer("day-off", here, wednesday with { DaysOff = [new DateOnly(2030, 1, 9)] }, skills: ["dementia"]),
        };

        var request = w.Request("hulp", World.Wednesday10.AddHours(1), TimeSpan.FromHours(2), "dementia");
        await w.Circle(circleId).SubmitRequest(request);
        // The shard has taken the request (and, in the same turn, sent whatever offers it would send).
        await w.PendingBecomes(1);
        await AssertNoneOffered();
        Assert.Equal(RequestStatus.Open, (await w.RequestIn(circleId, request.Id)).Status);

        // Control: someone who meets every constraint gets the request, so it was matchable all along.
        var eligible = await w.Volunteer("eligible", here, skills: ["dementia", "cooking"]);
        await w.PendingOffer(eligible, request.Id);
        await AssertNoneOffered();

        async Task AssertNoneOffered()
        {
            var offered = new List<string>();
            foreach (var volunteer in ineligible)
            {
                if (await w.OfferFor(volunteer, request.Id) is not null) offered.Add(volunteer);
            }
            Assert.True(offered.Count == 0, $"Ineligible volunteers got an offer: {string.Join(", ", offered)}");
        }
    }

    [Fact]
    public async Task A_declined_offer_goes_to_the_next_candidate()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleId = await w.Circle(village, "kring");
        var anna = await w.Volunteer("anna", village);
        var bram = await w.Volunteer("bram", village);
        var request = w.Request("hulp", World.Wednesday10, TimeSpan.FromHours(2));
        await w.Circle(circleId).SubmitRequest(request);

        var (first, offer) = await w.TheOneOffered(request.Id, anna, bram);
        var next = first == anna ? bram : anna;
        Assert.Null(await w.OfferFor(next, request.Id));

        Assert.Equal(OfferReply.Declined, await w.Volunteer(first).Decline(offer.Id));
        await w.PendingOffer(next, request.Id);

        Assert.Equal(OfferStatus.Declined, (await w.OfferFor(first, request.Id))!.Status);
        Assert.Equal(OfferReply.AlreadyDeclined, await w.Volunteer(first).Decline(offer.Id));
        Assert.Equal(OfferReply.AlreadyDeclined, await w.Volunteer(first).Accept(offer.Id));
        Assert.Empty(await w.Volunteer(first).GetAssignments());
        Assert.Equal(RequestStatus.Offered, (await w.RequestIn(circleId, request.Id)).Status);
    }

    [Fact]
    public async Task When_every_candidate_declined_the_request_is_open_again_and_waits_for_a_new_volunteer()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleId = await w.Circle(village, "kring");
        var anna = await w.Volunteer("anna", village);
        var request = w.Request("hulp", World.Wednesday10, TimeSpan.FromHours(2));
        await w.Circle(circleId).SubmitRequest(request);
        var offer = await w.PendingOffer(anna, request.Id);
        await w.RequestBecomes(circleId, request.Id, RequestStatus.Offered);

        Assert.Equal(OfferReply.Declined, await w.Volunteer(anna).Decline(offer.Id));

        await w.RequestBecomes(circleId, request.Id, RequestStatus.Open);
        var overview = await w.VillageGrain(village).GetOverview();
        Assert.Equal((1, 0), (overview.Open, overview.Offered));
        Assert.Equal(1, await w.Shard().PendingCount());

        var bram = await w.Volunteer("bram", village);
        await w.PendingOffer(bram, request.Id);
        await w.RequestBecomes(circleId, request.Id, RequestStatus.Offered);
    }

    [Fact]
    public async Task A_volunteer_accepting_two_overlapping_offers_at_once_is_booked_only_once()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleA = await w.Circle(village, "kring-a");
        // Two regions, so two shards: Vera lives near the border, each shard offers what it has, and neither knows the
        // other's offers. (One shard offers a volunteer only one of two overlapping requests.)
        var circleB = await w.Circle(await w.VillageAcrossTheBorder("overkant"), "kring-b");
        var vera = await w.Volunteer("vera", village);
        var morning = w.Request("ochtend", World.Wednesday10, TimeSpan.FromHours(2));
        var noon = w.Request("middag", World.Wednesday10.AddHours(1), TimeSpan.FromHours(2));
        await w.Circle(circleA).SubmitRequest(morning);
        var first = await w.PendingOffer(vera, morning.Id);
        await w.Circle(circleB).SubmitRequest(noon);
        var offers = new[] { first, await w.PendingOffer(vera, noon.Id) };

        var replies = await Task.WhenAll(offers.Select(o => w.Volunteer(vera).Accept(o.Id)));

        Assert.Single(replies, OfferReply.Accepted);
        Assert.Single(replies, OfferReply.ScheduleConflict);
        var assignment = Assert.Single(await w.Volunteer(vera).GetAssignments());
        var won = offers[Array.IndexOf(replies, OfferReply.Accepted)];
        Assert.Equal(won.RequestId, assignment.RequestId);

        var statuses = new[] { await w.RequestIn(circleA, morning.Id), await w.RequestIn(circleB, noon.Id) };
        var matched = Assert.Single(statuses, r => r.Status == RequestStatus.Matched);
        Assert.Equal((won.RequestId, vera), (matched.Id, matched.VolunteerId));
        // The conflicting offer counts as declined, so the other request does not wait for it to lapse: with nobody
        // else to ask it is open again.
        var lost = Assert.Single(statuses, r => r.Status != RequestStatus.Matched);
        await w.OfferBecomes(vera, lost.Id, OfferStatus.Declined);
        await w.RequestBecomes(lost.CircleId, lost.Id, RequestStatus.Open);

        // Asking again changes nothing.
        Assert.Equal(OfferReply.AlreadyAccepted, await w.Volunteer(vera).Accept(won.Id));
        Assert.Single(await w.Volunteer(vera).GetAssignments());
    }

    [Fact]
    public async Task A_volunteer_accepting_two_offers_of_one_week_stays_within_their_weekly_hours()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleA = await w.Circle(village, "kring-a");
        var circleB = await w.Circle(await w.VillageAcrossTheBorder("overkant"), "kring-b");
        var vera = await w.Volunteer("vera", village, maxHoursPerWeek: 3);
        var morning = w.Request("ochtend", World.Wednesday10, TimeSpan.FromHours(2));
        // Two regions' shards, each within Vera's 3 hours on its own; together 4 hours in one week.
        var afternoon = w.Request("middag", World.Wednesday10.AddHours(4), TimeSpan.FromHours(2));
        await w.Circle(circleA).SubmitRequest(morning);
        var first = await w.PendingOffer(vera, morning.Id);
        await w.Circle(circleB).SubmitRequest(afternoon);
        var second = await w.PendingOffer(vera, afternoon.Id);

        Assert.Equal(OfferReply.Accepted, await w.Volunteer(vera).Accept(first.Id));
        Assert.Equal(OfferReply.ScheduleConflict, await w.Volunteer(vera).Accept(second.Id));

        Assert.Equal([morning.Id], (await w.Volunteer(vera).GetAssignments()).Select(a => a.RequestId));
        await w.OfferBecomes(vera, afternoon.Id, OfferStatus.Declined);
        // The shard across the border made that offer, and it hears of the decline: with nobody else to ask, open again.
        await w.RequestBecomes(circleB, afternoon.Id, RequestStatus.Open);
    }

    [Fact]
    public async Task A_volunteer_without_a_weekly_limit_is_offered_and_booked_as_matching_planned()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circle = await w.Circle(village, "kring");
        // 0 hours a week means no limit, to matching and to the volunteer grain alike.
        var noLimit = await w.Volunteer("onbeperkt", village, maxHoursPerWeek: 0);
        var request = w.Request("lang", World.Wednesday10, TimeSpan.FromHours(5));
        await w.Circle(circle).SubmitRequest(request);

        var offer = await w.PendingOffer(noLimit, request.Id);
        Assert.Equal(OfferReply.Accepted, await w.Volunteer(noLimit).Accept(offer.Id));
    }
}
