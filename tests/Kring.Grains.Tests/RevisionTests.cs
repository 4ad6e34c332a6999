using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>
/// A shard plans a new request together with the requests whose offers nobody has answered yet, so an offer can move to
/// another volunteer when the new request cannot do without its volunteer.
/// </summary>
public sealed class RevisionTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private readonly World _world = new(cluster.Client);

    [Fact]
    public async Task An_unanswered_offer_moves_to_another_volunteer_when_a_new_request_needs_its_volunteer()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleA = await w.Circle(village, "kring-a");
        var circleB = await w.Circle(village, "kring-b");
        var vera = await w.Volunteer("vera", village, skills: ["dementia"]);
        var walk = w.Request("wandeling", World.Wednesday10, TimeSpan.FromHours(2));
        await w.Circle(circleA).SubmitRequest(walk);
        var first = await w.PendingOffer(vera, walk.Id);
        // Wim could take the walk too, but he arrives after it was offered to Vera, and only she knows about dementia.
        var wim = await w.Volunteer("wim", village);
        var visit = w.Request("bezoek", World.Wednesday10.AddHours(1), TimeSpan.FromHours(2), "dementia");

        await w.Circle(circleB).SubmitRequest(visit);

        await w.PendingOffer(vera, visit.Id);
        await w.PendingOffer(wim, walk.Id);
        await w.OfferBecomes(vera, walk.Id, OfferStatus.Withdrawn);
        Assert.Equal(OfferReply.Withdrawn, await w.Volunteer(vera).Accept(first.Id));
        Assert.Equal(RequestStatus.Offered, (await w.RequestIn(circleA, walk.Id)).Status);
    }

    [Fact]
    public async Task An_unanswered_offer_stays_when_the_new_request_can_do_without_its_volunteer()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleA = await w.Circle(village, "kring-a");
        var circleB = await w.Circle(village, "kring-b");
        var vera = await w.Volunteer("vera", village);
        var walk = w.Request("wandeling", World.Wednesday10, TimeSpan.FromHours(2));
        await w.Circle(circleA).SubmitRequest(walk);
        var first = await w.PendingOffer(vera, walk.Id);
        var wim = await w.Volunteer("wim", village);
        var visit = w.Request("bezoek", World.Wednesday10.AddHours(1), TimeSpan.FromHours(2));

        await w.Circle(circleB).SubmitRequest(visit);

        await w.PendingOffer(wim, visit.Id);
        Assert.Equal(OfferStatus.Pending, (await w.OfferFor(vera, walk.Id))?.Status);
        Assert.Null(await w.OfferFor(wim, walk.Id));
        Assert.Equal(OfferReply.Accepted, await w.Volunteer(vera).Accept(first.Id));
    }
}
