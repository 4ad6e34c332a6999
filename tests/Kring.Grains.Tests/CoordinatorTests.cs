using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>Coordinators step in by hand, with a reason, and still cannot double-book anyone.</summary>
public sealed class CoordinatorTests(DeadlineCluster cluster) : IClassFixture<DeadlineCluster>
{
    private readonly World _world = new(cluster.Client);

    [Fact]
    public async Task A_coordinator_assigns_and_unassigns_by_hand_and_the_reasons_stay_in_the_history()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var partner = await w.Partner("zorg", PartnerService.Buddy, village);
        var circleId = await w.Circle(village, "kring");
        var request = w.Request("hulp", World.Wednesday10, TimeSpan.FromHours(2));
        await w.Circle(circleId).SubmitRequest(request);
        await Eventually.Until(() => w.PartnerGrain(partner).GetQueue(), q => q.Count == 1, "the request escalated: nobody can take it");

        // Someone who only helps on Thursdays: matching would never offer this Wednesday request to them.
        var thursdays = new AvailabilityDto([new WeeklySlotDto(DayOfWeek.Thursday, new TimeOnly(9, 0), new TimeOnly(17, 0))], [], false);
        var volunteer = await w.Volunteer("invaller", village, thursdays);
        var summary = (await w.PartnerGrain(partner).GetQueue())[0].Request;

        Assert.Equal(OfferReply.Accepted, await w.Volunteer(volunteer)
            .AssignByCoordinator(summary, "coordinator", "Vaste vrijwilliger, afgestemd per telefoon"));
        var matched = await w.RequestIn(circleId, request.Id);
        Assert.Equal((RequestStatus.Matched, volunteer), (matched.Status, matched.VolunteerId));
        Assert.Contains(matched.History, e => e.What.Contains("Vaste vrijwilliger, afgestemd per telefoon"));
        Assert.Single(await w.Volunteer(volunteer).GetAssignments());
        await Eventually.Until(() => w.PartnerGrain(partner).GetQueue(), q => q.Count == 0, "the queue emptied once matched");

        Assert.Equal(OfferReply.Unassigned, await w.Volunteer(volunteer)
            .UnassignByCoordinator(request.Id, "coordinator", "Vrijwilliger is ziek"));
        var reopened = await w.RequestIn(circleId, request.Id);
        Assert.Equal(RequestStatus.Open, reopened.Status);
        Assert.Null(reopened.VolunteerId);
        Assert.Contains(reopened.History, e => e.What.Contains("Vrijwilliger is ziek"));
        Assert.Empty(await w.Volunteer(volunteer).GetAssignments());
        Assert.Equal(OfferReply.Unassigned, await w.Volunteer(volunteer).UnassignByCoordinator(request.Id, "coordinator", "nogmaals"));
    }

    [Fact]
    public async Task A_coordinator_cannot_book_a_volunteer_twice()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleA = await w.Circle(village, "kring-a");
        var circleB = await w.Circle(village, "kring-b");
        var volunteer = await w.Volunteer("vera", village, new AvailabilityDto([], [], true));
        var first = w.Request("eerste", World.Wednesday10, TimeSpan.FromHours(2));
        var overlapping = w.Request("tweede", World.Wednesday10.AddHours(1), TimeSpan.FromHours(2));
        var views = new[] { await w.Circle(circleA).SubmitRequest(first), await w.Circle(circleB).SubmitRequest(overlapping) };
        RequestSummary Summary(HelpRequestView v) =>
            new(v.Id, v.CircleId, v.Village, v.Kind, v.Start, v.End, v.Needs, v.Status, v.CreatedAt, []);

        Assert.Equal(OfferReply.Accepted, await w.Volunteer(volunteer).AssignByCoordinator(Summary(views[0]), "coordinator", "eerste"));
        Assert.Equal(OfferReply.ScheduleConflict, await w.Volunteer(volunteer)
            .AssignByCoordinator(Summary(views[1]), "coordinator", "tweede"));
        Assert.Single(await w.Volunteer(volunteer).GetAssignments());
        Assert.Equal(RequestStatus.Open, (await w.RequestIn(circleB, overlapping.Id)).Status);
    }
}
