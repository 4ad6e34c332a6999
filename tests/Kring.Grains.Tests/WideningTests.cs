using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>
/// When nobody accepts before the deadline, offers reach further: neighbours, the municipality, a coordinator. Waves
/// of two show that a wave stays within its reach even when it has room for more.
/// </summary>
public sealed class WideningTests(WaveOfTwoCluster cluster) : IClassFixture<WaveOfTwoCluster>
{
    private readonly World _world = new(cluster.Client);

    [Fact]
    public async Task Offers_widen_from_the_village_to_its_neighbours_the_municipality_and_the_coordinators_queue()
    {
        var w = _world;
        var home = await w.Village("thuis", 50.9497, 5.7812, w.Id("buren"));
        var neighbour = await w.Village("buren", 50.9588, 5.7872, w.Id("thuis"));
        var elsewhere = await w.Village("elders", 50.9695, 5.7656);
        var partner = await w.Partner("maatjes", PartnerService.Buddy, home, neighbour, elsewhere);
        var circleId = await w.Circle(home, "kring");
        const string carer = "kring-widening@example.org";
        await w.Circle(circleId).SetContact(new ContactDetails(carer, null));
        var local = await w.Volunteer("dorpsgenoot", home);
        var near = await w.Volunteer("buurman", neighbour);
        var far = await w.Volunteer("gemeentegenoot", elsewhere);
        await w.Indexed(local, near, far);
        var request = w.Request("hulp", World.Wednesday10, TimeSpan.FromHours(2));

        await w.Circle(circleId).SubmitRequest(request);
        await w.PendingOffer(local, request.Id);
        Assert.Null(await w.OfferFor(near, request.Id));
        Assert.Null(await w.OfferFor(far, request.Id));

        await cluster.AdvanceClock(WaveOfTwoCluster.OfferTimeout + TimeSpan.FromMinutes(1));
        await w.PendingOffer(near, request.Id);
        Assert.Null(await w.OfferFor(far, request.Id));

        await cluster.AdvanceClock(WaveOfTwoCluster.OfferTimeout + TimeSpan.FromMinutes(1));
        await w.PendingOffer(far, request.Id);
        Assert.Empty(await w.PartnerGrain(partner).GetQueue());

        await cluster.AdvanceClock(WaveOfTwoCluster.OfferTimeout + TimeSpan.FromMinutes(1));
        var queued =
            await Eventually.Until(() => w.PartnerGrain(partner).GetQueue(), q => q.Count == 1, "the request in the coordinator's queue");
        Assert.Equal(request.Id, queued[0].Request.Id);
        var reopened = await Eventually.Until(() => w.RequestIn(circleId, request.Id),
            r => r.History.Any(e => e.What.Contains("de coördinator van maatjes zoekt verder")),
                "the carer's history tells of the coordinator");
        Assert.Equal(RequestStatus.Open, reopened.Status);
        var outbox = await w.Grains.GetGrain<IMailOutboxGrain>(MailOutboxes.For(carer)).GetStatus();
        Assert.Contains($"escalated/{request.Id}", outbox.PendingIds!);
    }
}
