using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>A volunteer changes the kinds of help they give, their skills and their radius.</summary>
public sealed class PreferencesTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private readonly World _world = new(cluster.Client);

    [Fact]
    public async Task A_volunteer_who_learns_a_skill_is_offered_the_request_that_was_waiting_for_it()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleId = await w.Circle(village, "kring");
        var vera = await w.Volunteer("vera", village);
        var request = w.Request("hulp", World.Wednesday10, TimeSpan.FromHours(2), "dementia");
        await w.Circle(circleId).SubmitRequest(request);
        // Matching has taken the request in and found nobody: Vera does not know about dementia yet.
        await w.PendingBecomes(1);
        Assert.Null(await w.OfferFor(vera, request.Id));

        await w.Volunteer(vera).UpdatePreferences([HelpKind.Buddy, HelpKind.Respite], ["Dementia ", "mobility", "dementia"], 7.5);

        var profile = (await w.Volunteer(vera).GetProfile())!;
        Assert.Equal([HelpKind.Buddy, HelpKind.Respite], profile.Kinds);
        Assert.Equal(["dementia", "mobility"], profile.Skills);
        Assert.Equal(7.5, profile.MaxKm);
        Assert.Equal(request.Id, (await w.PendingOffer(vera, request.Id)).RequestId);
    }

    [Fact]
    public async Task Preferences_are_checked_and_bookings_stay_when_a_kind_is_dropped()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleId = await w.Circle(village, "kring");
        var vera = await w.Volunteer("vera", village);
        var request = w.Request("hulp", World.Wednesday10, TimeSpan.FromHours(2));
        await w.Circle(circleId).SubmitRequest(request);
        var offer = await w.PendingOffer(vera, request.Id);
        Assert.Equal(OfferReply.Accepted, await w.Volunteer(vera).Accept(offer.Id));

        await Assert.ThrowsAsync<ArgumentException>(() => w.Volunteer(vera).UpdatePreferences([], [], 5));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => w.Volunteer(vera).UpdatePreferences([HelpKind.Buddy], [], 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => w.Volunteer(vera).UpdatePreferences([HelpKind.Buddy], [], 500));
        Assert.Equal(10, (await w.Volunteer(vera).GetProfile())!.MaxKm);

        await w.Volunteer(vera).UpdatePreferences([HelpKind.Respite], [], 5);
        Assert.Equal([HelpKind.Respite], (await w.Volunteer(vera).GetProfile())!.Kinds);
        Assert.Single(await w.Volunteer(vera).GetAssignments(), a => a.RequestId == request.Id);
        Assert.Equal(RequestStatus.Matched, (await w.RequestIn(circleId, request.Id)).Status);
    }
}
