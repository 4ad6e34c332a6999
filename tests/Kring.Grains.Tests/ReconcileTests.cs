using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>
/// Circles and volunteers notify matching without waiting, so a notification can be lost; Reconcile repairs that from
/// the villages and circles. A call filter drops the chosen notification to stand in for the loss.
/// </summary>
public sealed class ReconcileTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private readonly World _world = new(cluster.Client);

    [Fact]
    public async Task Reconcile_takes_in_a_request_whose_submission_never_reached_matching()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleId = await w.Circle(village, "kring");
        var anna = await w.Volunteer("anna", village);
        var request = w.Request("hulp", World.Wednesday10, TimeSpan.FromHours(2));
        // The shard is up and has reconciled once already, as it does when it activates.
        await w.Shard().PendingCount();

        var dropped = cluster.Dropper.DropNext(nameof(IMatchingGrain.Submit), request.Id);
        await w.Circle(circleId).SubmitRequest(request);
        await Eventually.Within(dropped, "the submit notification was dropped");

        Assert.Equal(0, await w.Shard().PendingCount());
        Assert.Null(await w.OfferFor(anna, request.Id));
        Assert.Contains(await w.VillageGrain(village).GetUnsettled(), r => r.Id == request.Id);

        await w.Shard().Reconcile();

        Assert.Equal(1, await w.Shard().PendingCount());
        Assert.Equal(OfferStatus.Pending, (await w.OfferFor(anna, request.Id))?.Status);
        Assert.Equal(RequestStatus.Offered, (await w.RequestIn(circleId, request.Id)).Status);

        // Safe to repeat: nothing is offered twice.
        await w.Shard().Reconcile();
        Assert.Equal(1, await w.Shard().PendingCount());
        Assert.Single(await w.Volunteer(anna).GetOffers());
    }

    [Fact]
    public async Task Reconcile_settles_a_request_whose_cancellation_never_reached_matching()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleId = await w.Circle(village, "kring");
        var anna = await w.Volunteer("anna", village);
        var request = w.Request("hulp", World.Wednesday10, TimeSpan.FromHours(2));
        await w.Circle(circleId).SubmitRequest(request);
        await w.PendingOffer(anna, request.Id);

        var dropped = cluster.Dropper.DropNext(nameof(IMatchingGrain.RequestSettled), request.Id);
        await w.Circle(circleId).CancelRequest(request.Id, "carer");
        await Eventually.Within(dropped, "the settle notification was dropped");
        Assert.Equal(1, await w.Shard().PendingCount());
        Assert.Equal(OfferStatus.Pending, (await w.OfferFor(anna, request.Id))!.Status);

        await w.Shard().Reconcile();

        Assert.Equal(0, await w.Shard().PendingCount());
        Assert.Equal(OfferStatus.Withdrawn, (await w.OfferFor(anna, request.Id))!.Status);
        Assert.Empty(await w.VillageGrain(village).GetUnsettled());
    }

    [Fact]
    public async Task Reconcile_forgets_a_village_trace_of_a_request_its_circle_never_stored()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleId = await w.Circle(village, "kring");
        var anna = await w.Volunteer("anna", village);
        // The shard has activated, and reconciled once, before the ghost appears; its reconcile is the one under test.
        await w.Shard().PendingCount();
        // What a submission that failed between the village and the circle leaves behind.
        var ghost = new RequestSummary(w.Id("spook"), circleId, village, HelpKind.Buddy, World.Wednesday10,
            World.Wednesday10.AddHours(2), [], RequestStatus.Open, GrainCluster.Start, []);
        await w.VillageGrain(village).TrackRequest(ghost);
        Assert.Single(await w.VillageGrain(village).GetUnsettled());

        await w.Shard().Reconcile();

        Assert.Empty(await w.VillageGrain(village).GetUnsettled());
        Assert.Equal(0, await w.Shard().PendingCount());
        Assert.Empty(await w.Volunteer(anna).GetOffers());
    }
}
