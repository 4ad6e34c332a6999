using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>
/// The carer's own people go first: a request held for them is theirs to take, and reaches volunteers only when nobody
/// took it in time. The clock is a manual one, so "in time" is exact.
/// </summary>
public sealed class OwnCircleTests(DeadlineCluster cluster) : IClassFixture<DeadlineCluster>
{
    private readonly World _world = new(cluster.Client);

    [Fact]
    public async Task A_member_takes_a_request_held_for_the_own_circle_and_no_volunteer_hears_of_it()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circle = await w.Circle(village, "kring");
        var anna = await w.Volunteer("anna", village);
        await w.Indexed(anna);
        var member = await w.Member(circle, village, "zoon");
        var now = cluster.Clock.GetUtcNow();
        var request = w.OwnCircleFirst("hulp", World.Wednesday10, TimeSpan.FromHours(2), now + TimeSpan.FromHours(24));

        var filed = await w.Circle(circle).SubmitRequest(request);
        Assert.Equal(now + TimeSpan.FromHours(24), filed.CircleFirstUntil);
        Assert.Equal(RequestStatus.Open, filed.Status);

        Assert.Equal(OfferReply.Accepted, await w.Volunteer(member).TakeFromOwnCircle(await w.Summary(circle, request.Id)));

        var matched = await w.RequestIn(circle, request.Id);
        Assert.Equal(RequestStatus.Matched, matched.Status);
        Assert.Equal(member, matched.VolunteerId);
        Assert.Equal("zoon", matched.Helper?.FirstName);
        Assert.Contains(matched.History, e => e.What == "opgepakt door zoon Lid uit de eigen kring");
        Assert.Single(await w.Volunteer(member).GetAssignments());
        Assert.Null(await w.OfferFor(anna, request.Id));
        Assert.Equal(0, await w.Shard().PendingCount());
        // The carer's own people are not volunteers: the village does not count them, and matching's continuity skips them.
        Assert.DoesNotContain(member, (await w.Circle(circle).Get())!.Helpers);
    }

    [Fact]
    public async Task A_hold_ends_halfway_to_a_start_that_is_near_so_volunteers_get_as_long()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circle = await w.Circle(village, "kring");
        await w.Member(circle, village, "nicht", CircleRelation.Family);
        var now = cluster.Clock.GetUtcNow();
        var request = w.OwnCircleFirst("morgen", now + TimeSpan.FromHours(10), TimeSpan.FromHours(2), now + TimeSpan.FromHours(24));

        var filed = await w.Circle(circle).SubmitRequest(request);

        Assert.Equal(now + TimeSpan.FromHours(5), filed.CircleFirstUntil);
    }

    [Fact]
    public async Task A_request_nobody_of_the_own_circle_takes_in_time_is_offered_to_volunteers()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circle = await w.Circle(village, "kring");
        var anna = await w.Volunteer("anna", village);
        await w.Indexed(anna);
        await w.Member(circle, village, "buurvrouw", CircleRelation.Neighbour);
        var until = cluster.Clock.GetUtcNow() + TimeSpan.FromHours(1);
        var request = w.OwnCircleFirst("hulp", World.Wednesday10, TimeSpan.FromHours(2), until);
        await w.Circle(circle).SubmitRequest(request);

        await cluster.AdvanceClock(TimeSpan.FromMinutes(59));
        await cluster.AdvanceClock(TimeSpan.Zero);
        Assert.Equal(0, await w.Shard().PendingCount());
        Assert.Null(await w.OfferFor(anna, request.Id));

        await cluster.AdvanceClock(TimeSpan.FromMinutes(1));

        await w.PendingOffer(anna, request.Id);
        await w.RequestBecomes(circle, request.Id, RequestStatus.Offered);
    }

    [Fact]
    public async Task A_member_is_never_booked_twice_and_takes_only_their_own_circles_requests()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circle = await w.Circle(village, "kring");
        var other = await w.Circle(village, "andere-kring");
        var member = await w.Member(circle, village, "dochter");
        var until = cluster.Clock.GetUtcNow() + TimeSpan.FromHours(24);
        var first = w.OwnCircleFirst("eerste", World.Wednesday10, TimeSpan.FromHours(2), until);
        var overlapping = w.OwnCircleFirst("tweede", World.Wednesday10.AddHours(1), TimeSpan.FromHours(2), until);
        await w.Circle(circle).SubmitSeries([first, overlapping]);
        var elsewhere = w.Request("elders", World.Wednesday10.AddDays(1), TimeSpan.FromHours(2));
        await w.Circle(other).SubmitRequest(elsewhere);

        Assert.Equal(OfferReply.Accepted, await w.Volunteer(member).TakeFromOwnCircle(await w.Summary(circle, first.Id)));
        Assert.Equal(OfferReply.ScheduleConflict, await w.Volunteer(member).TakeFromOwnCircle(await w.Summary(circle, overlapping.Id)));
        Assert.Equal(OfferReply.NotFound, await w.Volunteer(member).TakeFromOwnCircle(await w.Summary(other, elsewhere.Id)));

        Assert.Equal(RequestStatus.Open, (await w.RequestIn(circle, overlapping.Id)).Status);
        Assert.Equal([first.Id], (await w.Volunteer(member).GetAssignments()).Select(a => a.RequestId));
    }

    [Fact]
    public async Task A_circle_without_own_people_asks_volunteers_at_once()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circle = await w.Circle(village, "kring");
        var anna = await w.Volunteer("anna", village);
        await w.Indexed(anna);
        var until = cluster.Clock.GetUtcNow() + TimeSpan.FromHours(24);
        var request = w.OwnCircleFirst("hulp", World.Wednesday10, TimeSpan.FromHours(2), until);

        var filed = await w.Circle(circle).SubmitRequest(request);

        Assert.Null(filed.CircleFirstUntil);
        await w.PendingOffer(anna, request.Id);
    }

    [Fact]
    public async Task A_member_taken_out_gives_their_booking_back_and_erasing_the_circle_blanks_the_other_members_schedules()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circle = await w.Circle(village, "kring");
        var leaving = await w.Member(circle, village, "zoon");
        var staying = await w.Member(circle, village, "dochter", CircleRelation.Family);
        var accounts = new[] { leaving, staying }.Select(member => w.Id("account-" + member)).ToList();
        foreach (var (member, userName) in new[] { leaving, staying }.Zip(accounts))
        {
            await cluster.Client.GetGrain<IAccountGrain>(userName)
                .Set(new AccountRecord(userName, "Lid", "hash", Role.CircleMember, village, member, circle, null));
        }
        var until = cluster.Clock.GetUtcNow() + TimeSpan.FromHours(24);
        var request = w.OwnCircleFirst("hulp", World.Wednesday10, TimeSpan.FromHours(2), until);
        await w.Circle(circle).SubmitRequest(request);
        Assert.Equal(OfferReply.Accepted, await w.Volunteer(leaving).TakeFromOwnCircle(await w.Summary(circle, request.Id)));

        var erasure = cluster.Client.GetGrain<IErasureGrain>("default");
        var result = await erasure.EraseMember(circle, leaving, "mantelzorger");

        Assert.Equal([accounts[0]], result.RemovedAccounts);
        var reopened = await w.RequestIn(circle, request.Id);
        Assert.Equal(RequestStatus.Open, reopened.Status);
        Assert.Null(reopened.VolunteerId);
        Assert.Contains(reopened.History,
            e => e.What.StartsWith("zoon Lid uit de eigen kring ontkoppeld door mantelzorger", StringComparison.Ordinal));
        Assert.True(await w.Volunteer(leaving).IsErased());
        Assert.Equal([staying], (await w.Circle(circle).Get())!.Members!.Select(m => m.Id));
        Assert.Null(await cluster.Client.GetGrain<IAccountGrain>(accounts[0]).Get());
        Assert.Empty((await erasure.EraseMember(circle, leaving, "mantelzorger")).RemovedAccounts);

        await erasure.EraseCircle(circle, new AccessEntry(default, "consulent", Role.CarerConsultant, AccessKind.Erased, "test"));

        Assert.True(await w.Volunteer(staying).IsErased());
        Assert.Null(await w.Volunteer(staying).GetProfile());
        Assert.Null(await cluster.Client.GetGrain<IAccountGrain>(accounts[1]).Get());
    }
}
