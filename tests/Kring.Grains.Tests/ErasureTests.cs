using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>Erasing a carer or a volunteer: their bookings go back through the usual paths, and only anonymous counts stay.</summary>
public sealed class ErasureTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private readonly World _world = new(cluster.Client);

    private static readonly DateTimeOffset Tuesday10 = World.Wednesday10.AddDays(-1);

    private static readonly AvailabilityDto TuesdayAndWednesday = new(
    [
        new WeeklySlotDto(DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(17, 0)),
        new WeeklySlotDto(DayOfWeek.Wednesday, new TimeOnly(9, 0), new TimeOnly(17, 0)),
    ], [], false);

    private IErasureGrain Erasure => cluster.Client.GetGrain<IErasureGrain>("default");

    private static AccessEntry Consultant => new(default, "consulent", Role.CarerConsultant, AccessKind.Erased, "DELETE /test");

    [Fact]
    public async Task Erasing_a_circle_cancels_what_is_to_come_frees_its_volunteer_for_others_and_keeps_the_counts()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var erasedId = await w.Circle(village, "weg");
        var otherId = await w.Circle(village, "blijft");
        var vera = await w.Volunteer("vera", village, TuesdayAndWednesday);
        var erased = w.Circle(erasedId);
        var userName = w.Id("mantelzorger");
        await cluster.Client.GetGrain<IAccountGrain>(userName)
            .Set(new AccountRecord(userName, "Carer weg", "hash", Role.Carer, village, null, erasedId, null));
        var (past, future, open, offer) = await PastFutureAndOpenHelp(erasedId, vera, userName);
        var before = await w.VillageGrain(village).GetOverview();

        var result = await Erasure.EraseCircle(erasedId, Consultant);

        Assert.Equal([vera], result.ReleasedVolunteers);
        Assert.Equal([userName], result.RemovedAccounts);
        Assert.Null(await erased.Get());
        Assert.True(await erased.IsErased());
        Assert.Null(await cluster.Client.GetGrain<IAccountGrain>(userName).Get());
        Assert.Empty(await cluster.Client.GetGrain<IAccountLinksGrain>(AccountLinks.Circle(erasedId)).Get());
        await AssertToComeIsCancelledAndNothingPersonalLeft(erasedId, past.Id, [future.Id, open.Id]);

        // The volunteer lost the booking and the offers, and kept the help already given.
        Assert.Equal([past.Id], (await w.Volunteer(vera).GetAssignments()).Select(a => a.RequestId));
        Assert.Equal(open.Id, offer.RequestId);
        Assert.DoesNotContain(await w.Volunteer(vera).GetOffers(), o => o.CircleId == erasedId);

        await AssertTheVillageCountsOnlyAnonymously(village, erasedId, before, [past.Id, future.Id, open.Id]);

        // The log keeps the erasure, and the carer's own views without their name.
        var log = await w.Access(erasedId).Read();
        Assert.Equal(AccessKind.Erased, log[0].Kind);
        Assert.Equal("consulent", log[0].UserName);
        Assert.Contains(log, e => e is { Kind: AccessKind.CircleViewed, Role: Role.Carer, UserName: "" });

        await AssertTheBookedTimeGoesToAnotherCircle(otherId, vera);

        // Erasing again changes nothing and says the same; the id cannot be registered again.
        Assert.Equal([vera], (await Erasure.EraseCircle(erasedId, Consultant)).ReleasedVolunteers);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            erased.Register(new CircleProfile(erasedId, village, "Nieuw", 40, "Iemand", "partner", [], null, null)));
        await Assert.ThrowsAsync<ArgumentException>(() => cluster.Client.GetGrain<IAccountGrain>(userName)
            .Set(new AccountRecord(userName, "Terug", "hash", Role.Carer, village, null, erasedId, null)));
    }

    /// <summary>
    /// Help that happened, help still to come, and a request still on offer; then a check-in and a view by the carer.
    /// </summary>
    private async Task<(NewHelpRequest Past, NewHelpRequest Future, NewHelpRequest Open, Offer Offer)> PastFutureAndOpenHelp(
        string circleId, string vera, string userName)
    {
        var w = _world;
        var circle = w.Circle(circleId);
        var past = w.Request("gisteren", Tuesday10, TimeSpan.FromHours(1));
        await circle.SubmitRequest(past);
        Assert.Equal(OfferReply.Accepted, await w.Volunteer(vera).Accept((await w.PendingOffer(vera, past.Id)).Id));
        var future = w.Request("woensdag", World.Wednesday10, TimeSpan.FromHours(2)) with { Notes = "Sleutel ligt bij de buren" };
        await circle.SubmitRequest(future);
        Assert.Equal(OfferReply.Accepted, await w.Volunteer(vera).Accept((await w.PendingOffer(vera, future.Id)).Id));
        await cluster.AdvanceClock(TimeSpan.FromHours(27)); // Tuesday 12:00: the first is over
        var open = w.Request("middag", World.Wednesday10.AddHours(4), TimeSpan.FromHours(1));
        await circle.SubmitRequest(open);
        var offer = await w.PendingOffer(vera, open.Id);
        await circle.RecordCheckIn(World.Answers(5), userName);
        await w.Access(circleId)
            .Record(new AccessEntry(default, userName, Role.Carer, AccessKind.CircleViewed, "GET /api/v1/circles/mine"));
        return (past, future, open, offer);
    }

    /// <summary>What was still to come is cancelled; what happened stays matched. Nothing personal is left in either.</summary>
    private async Task AssertToComeIsCancelledAndNothingPersonalLeft(string circleId, string pastId, string[] toComeIds)
    {
        var w = _world;
        Assert.Equal(RequestStatus.Matched, (await w.RequestIn(circleId, pastId)).Status);
        foreach (var id in toComeIds)
        {
            var request = await w.RequestIn(circleId, id);
            Assert.Equal(RequestStatus.Cancelled, request.Status);
            Assert.Null(request.Notes);
            Assert.Empty(request.Needs);
            Assert.DoesNotContain(request.History, e => e.What.Contains("test"));
        }
        Assert.Empty(await w.Circle(circleId).GetCheckIns());
        Assert.DoesNotContain(await cluster.Client.GetGrain<ISignalsGrain>(DirectoryKeys.Default).GetSignals(), s =>
            s.CircleId == circleId);
    }

    /// <summary>The village counts the help that happened, anonymously; the carer no longer counts as one.</summary>
    private async Task AssertTheVillageCountsOnlyAnonymously(string village, string circleId, VillageOverview before,
        string[] requestIds)
    {
        var w = _world;
        var after = await w.VillageGrain(village).GetOverview();
        Assert.Equal((before.Carers - 1, 1, 0, 0), (after.Carers, after.Matched, after.Open, after.Offered));
        var members = await w.VillageGrain(village).GetMembers();
        Assert.DoesNotContain(circleId, members.Circles);
        Assert.Equal([circleId], await w.VillageGrain(village).GetErasedCircles());
        var tracked = members.Requests.Where(r => requestIds.Contains(r.Id)).ToList();
        Assert.Equal(3, tracked.Count);
        Assert.All(tracked, r => Assert.Equal(("", 0), (r.CircleId, r.Needs.Count)));
    }

    /// <summary>
    /// The time the erased circle had booked is free again: another circle's overlapping request goes to the same volunteer.
    /// </summary>
    private async Task AssertTheBookedTimeGoesToAnotherCircle(string otherId, string vera)
    {
        var w = _world;
        var elsewhere = w.Request("ander", World.Wednesday10.AddMinutes(30), TimeSpan.FromHours(1));
        await w.Circle(otherId).SubmitRequest(elsewhere);
        Assert.Equal(OfferReply.Accepted, await w.Volunteer(vera).Accept((await w.PendingOffer(vera, elsewhere.Id)).Id));
        Assert.Equal(RequestStatus.Matched, (await w.RequestIn(otherId, elsewhere.Id)).Status);
    }

    [Fact]
    public async Task Erasing_a_circle_takes_its_offers_back_from_every_volunteer_who_had_one()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleId = await w.Circle(village, "weg");
        var declining = await w.Volunteer("eerste", village, skills: ["rolstoel"]);
        var request = w.Request("woensdag", World.Wednesday10, TimeSpan.FromHours(2), "rolstoel");
        await w.Circle(circleId).SubmitRequest(request);
        Assert.Equal(OfferReply.Declined, await w.Volunteer(declining).Decline((await w.PendingOffer(declining, request.Id)).Id));
        // Only now someone else joins, so the first offer could only go to the one who declined.
        var accepting = await w.Volunteer("tweede", village, skills: ["rolstoel"]);
        Assert.Equal(OfferReply.Accepted, await w.Volunteer(accepting).Accept((await w.PendingOffer(accepting, request.Id)).Id));
        Assert.Contains(await w.Volunteer(declining).GetOffers(), o => o.CircleId == circleId && o.Needs.Contains("rolstoel"));

        await Erasure.EraseCircle(circleId, Consultant);

        foreach (var volunteer in new[] { declining, accepting })
        {
            Assert.DoesNotContain(await w.Volunteer(volunteer).GetOffers(), o => o.CircleId == circleId);
            Assert.DoesNotContain(await w.Volunteer(volunteer).GetAssignments(), a => a.CircleId == circleId);
        }
    }

    [Fact]
    public async Task Erasing_a_volunteer_gives_their_bookings_and_offers_to_someone_else()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleId = await w.Circle(village, "kring");
        var partner = await w.Partner("zorg", PartnerService.Buddy, village);
        var leaving = w.Id("eerste");
        await w.Volunteer(leaving).SetAvailability(World.WednesdayDaytime);
        await w.Volunteer(leaving).Register(new VolunteerProfile(leaving, "eerste", village, 10, [HelpKind.Buddy], [], 40, partner));
        var morning = w.Request("ochtend", World.Wednesday10, TimeSpan.FromHours(2));
        await w.Circle(circleId).SubmitRequest(morning);
        var morningOffer = await w.PendingOffer(leaving, morning.Id);
        Assert.Equal(OfferReply.Accepted, await w.Volunteer(leaving).Accept(morningOffer.Id));
        var afternoon = w.Request("middag", World.Wednesday10.AddHours(4), TimeSpan.FromHours(1));
        await w.Circle(circleId).SubmitRequest(afternoon);
        await w.PendingOffer(leaving, afternoon.Id);
        var userName = w.Id("vrijwilliger");
        await cluster.Client.GetGrain<IAccountGrain>(userName)
            .Set(new AccountRecord(userName, "Eerste", "hash", Role.Volunteer, village, leaving, null, partner));
        // Only now someone else joins, so the offers so far could only go to the one who leaves.
        var staying = await w.Volunteer("tweede", village);

        var result = await Erasure.EraseVolunteer(leaving, "beheerder");

        Assert.Equal([userName], result.RemovedAccounts);
        Assert.True(await w.Volunteer(leaving).IsErased());
        Assert.Null(await w.Volunteer(leaving).GetProfile());
        Assert.Empty(await w.Volunteer(leaving).GetOffers());
        Assert.Empty(await w.Volunteer(leaving).GetAssignments());
        Assert.Null(await cluster.Client.GetGrain<IAccountGrain>(userName).Get());
        Assert.DoesNotContain(leaving, (await w.VillageGrain(village).GetMembers()).Volunteers);
        Assert.DoesNotContain(leaving, await w.PartnerGrain(partner).GetVolunteers());

        // The booking opened again through the usual path, with the reason in its history; both requests find the other volunteer.
        var reopened = await w.RequestIn(circleId, morning.Id);
        Assert.Contains(reopened.History, e => e.Status == RequestStatus.Open && e.What.Contains("verlaten"));
        foreach (var request in new[] { morning, afternoon })
        {
            Assert.Equal(OfferReply.Accepted, await w.Volunteer(staying).Accept((await w.PendingOffer(staying, request.Id)).Id));
            Assert.Equal(staying, (await w.RequestIn(circleId, request.Id)).VolunteerId);
        }
        Assert.False(await w.Volunteer(leaving).ReceiveOffer(morningOffer));
        await Assert.ThrowsAsync<ArgumentException>(() => w.Volunteer(leaving).Register(
            new VolunteerProfile(leaving, "Terug", village, 5, [HelpKind.Buddy], [], 10, null)));
        await Erasure.EraseVolunteer(leaving, "beheerder");
        await w.PendingBecomes(0);
    }
}
