using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>Offers lapse at their deadline, driven by the shard's tick on a manual clock.</summary>
public sealed class OfferDeadlineTests(DeadlineCluster cluster) : IClassFixture<DeadlineCluster>
{
    private readonly World _world = new(cluster.Client);

    [Fact]
    public async Task An_offer_not_answered_before_its_deadline_expires_and_goes_to_the_next_candidate()
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
        Assert.Equal(cluster.Clock.GetUtcNow(), offer.OfferedAt);

        await cluster.AdvanceClock(DeadlineCluster.OfferTimeout + TimeSpan.FromMinutes(1));

        await w.OfferBecomes(first, request.Id, OfferStatus.Expired);
        var second = await w.PendingOffer(next, request.Id);
        Assert.Equal(cluster.Clock.GetUtcNow(), second.OfferedAt);
        Assert.Equal(OfferReply.Expired, await w.Volunteer(first).Accept(offer.Id));
        Assert.Empty(await w.Volunteer(first).GetAssignments());
        Assert.Equal(RequestStatus.Offered, (await w.RequestIn(circleId, request.Id)).Status);

        // The second offer lapses too; nobody is left, so the request is open again and still waits in matching.
        await cluster.AdvanceClock(DeadlineCluster.OfferTimeout + TimeSpan.FromMinutes(1));
        await w.OfferBecomes(next, request.Id, OfferStatus.Expired);
        await w.RequestBecomes(circleId, request.Id, RequestStatus.Open);
        Assert.Equal(1, await w.Shard().PendingCount());
        Assert.Equal(OfferStatus.Expired, (await w.OfferFor(first, request.Id))!.Status);

        // The operator's page: what lapsed today and what waits in which village, in counts that name nobody.
        var backlog = await w.Shard().GetBacklog();
        Assert.Equal(2, backlog.LapsedToday);
        Assert.Equal(0, backlog.OutstandingOffers);
        var waiting = Assert.Single(backlog.Villages);
        Assert.Equal((village, 1, 0, 0), (waiting.Village, waiting.UnderADay, waiting.UnderAWeek, waiting.Longer));
    }
}
