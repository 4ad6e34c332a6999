using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>After the match: reminders a day before, the volunteer's report after the end, and completion assumed after a week.</summary>
public sealed class BookingLifeTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private readonly World _world = new(cluster.Client);

    [Fact]
    public async Task A_booking_gets_its_reminders_a_day_before_and_is_completed_as_planned_a_week_after_the_end()
    {
        var w = _world;
        var (village, circleId, volunteerId) = await Booked("herinnering");
        var request = w.Request("hulp", ComingWednesday10(), TimeSpan.FromHours(2));
        await Match(circleId, volunteerId, request);
        var bookings = w.Grains.GetGrain<IBookingsGrain>(village);

        Assert.Equal(0, (await bookings.Sweep()).Reminded);
        Assert.DoesNotContain($"reminder/{request.Id}/carer", await Pending(CarerAddress));

        cluster.Clock.Advance(request.Start - cluster.Clock.GetUtcNow() - TimeSpan.FromHours(23));
        Assert.Equal(1, (await bookings.Sweep()).Reminded);
        await bookings.Sweep();
        Assert.Single(await Pending(CarerAddress), id => id == $"reminder/{request.Id}/carer");
        Assert.Single(await Pending(VolunteerAddress), id => id == $"reminder/{request.Id}/{volunteerId}");

        Assert.Equal(OfferReply.NotEndedYet, await w.Volunteer(volunteerId)
            .CompleteAssignment(request.Id, 2, happened: true, reason: null));
        cluster.Clock.Advance(request.End - cluster.Clock.GetUtcNow() + BookingsGrain.AssumeAfter - TimeSpan.FromHours(1));
        Assert.Equal(0, (await bookings.Sweep()).Completed);
        cluster.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, (await bookings.Sweep()).Completed);

        var done = await w.RequestIn(circleId, request.Id);
        Assert.Equal(RequestStatus.Completed, done.Status);
        Assert.Contains(done.History, e => e.What.Contains("aangenomen: 2 uur zoals gepland"));
        Assert.DoesNotContain(await w.VillageGrain(village).GetMatched(), r => r.Id == request.Id);
    }

    [Fact]
    public async Task The_volunteer_reports_the_hours_given_after_the_end_and_the_first_report_stands()
    {
        var w = _world;
        var (_, circleId, volunteerId) = await Booked("verslag");
        var request = w.Request("hulp", ComingWednesday10().AddHours(3), TimeSpan.FromHours(2));
        await Match(circleId, volunteerId, request);
        cluster.Clock.Advance(request.End - cluster.Clock.GetUtcNow() + TimeSpan.FromMinutes(5));

        Assert.Equal(OfferReply.Completed, await w.Volunteer(volunteerId)
            .CompleteAssignment(request.Id, 1.5, happened: true, reason: null));
        Assert.Equal(OfferReply.Completed, await w.Volunteer(volunteerId).CompleteAssignment(request.Id, 9, happened: true, reason: null));
        var done = await w.RequestIn(circleId, request.Id);
        Assert.Equal(RequestStatus.Completed, done.Status);
        Assert.Single(done.History, e => e.Status == RequestStatus.Completed);
        Assert.Contains(done.History, e => e.What == "afgerond: 1,5 uur gegeven");
    }

    /// <summary>A Wednesday 10:00 more than a day ahead of the test clock, which tests in this class move forward.</summary>
    private DateTimeOffset ComingWednesday10()
    {
        var start = World.Wednesday10;
        while (start - cluster.Clock.GetUtcNow() < TimeSpan.FromHours(25)) start = start.AddDays(7);
        return start;
    }

    private const string CarerAddress = "carer@example.org";
    private const string VolunteerAddress = "volunteer@example.org";

    private async Task<(string Village, string Circle, string Volunteer)> Booked(string local)
    {
        var w = _world;
        var village = await w.Village(local);
        var circleId = await w.Circle(village, $"{local}-kring");
        var volunteerId = await w.Volunteer($"{local}-vera", village);
        await w.Circle(circleId).SetContact(new ContactDetails(CarerAddress, null));
        await w.Volunteer(volunteerId).SetContact(new ContactDetails(VolunteerAddress, null));
        return (village, circleId, volunteerId);
    }

    private async Task Match(string circleId, string volunteerId, NewHelpRequest request)
    {
        await _world.Circle(circleId).SubmitRequest(request);
        var offer = await _world.PendingOffer(volunteerId, request.Id);
        Assert.Equal(OfferReply.Accepted, await _world.Volunteer(volunteerId).Accept(offer.Id));
    }

    private async Task<IReadOnlyList<string>> Pending(string address) =>
        (await _world.Grains.GetGrain<IMailOutboxGrain>(MailOutboxes.For(address)).GetStatus()).PendingIds ?? [];
}

/// <summary>Coordinators hear of their partner's queue once a day.</summary>
public sealed class CoordinatorDigestTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    [Fact]
    public async Task Each_coordinator_with_an_address_gets_one_digest_a_day_while_the_queue_is_not_empty()
    {
        var w = new World(cluster.Client);
        var village = await w.Village("digest");
        var partner = await w.Partner("maatjes", PartnerService.Buddy, village);
        var digest = w.Grains.GetGrain<ICoordinatorDigestGrain>(partner);
        var userName = w.Id("coordinator");
        const string address = "digest-coordinator@example.org";
        await w.Grains.GetGrain<IAccountGrain>(userName).Set(
            new AccountRecord(userName, "Petra", "hash", Role.Coordinator, null, null, null, partner, Email: address));
        await w.Grains.GetGrain<IAccountLinksGrain>(AccountLinks.Staff).Link(userName);

        Assert.Equal(0, await digest.SendToday());

        var request =
            new RequestSummary(w.Id("r1"), w.Id("kring"), village, HelpKind.Buddy, World.Wednesday10, World.Wednesday10.AddHours(1),
            [], RequestStatus.Open, cluster.Clock.GetUtcNow(), []);
        await w.PartnerGrain(partner).Escalate(new EscalatedRequest(request, cluster.Clock.GetUtcNow(), "niemand gevonden"));
        Assert.Equal(1, await digest.SendToday());
        Assert.Equal(1, await digest.SendToday());

        var outbox = w.Grains.GetGrain<IMailOutboxGrain>(MailOutboxes.For(address));
        var today = Amsterdam.ToLocal(cluster.Clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Single((await outbox.GetStatus()).PendingIds!, id => id.StartsWith($"digest/{partner}/", StringComparison.Ordinal));
        Assert.Contains($"digest/{partner}/{today}/{userName}", (await outbox.GetStatus()).PendingIds!);
        var mail = (await outbox.Lease(100)).Single(m => m.Id.StartsWith($"digest/{partner}/", StringComparison.Ordinal));
        Assert.Contains("maatje in digest", mail.TextBody);
    }
}
