using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>Two volunteers hold the same offer: first accept wins, and nobody is booked for a request they did not get.</summary>
public sealed class CompetingAcceptTests(WaveOfTwoCluster cluster) : IClassFixture<WaveOfTwoCluster>
{
    private readonly World _world = new(cluster.Client);

    private async Task<(string CircleId, NewHelpRequest Request, Offer Anna, Offer Bram, string AnnaId, string BramId)> BothOffered()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleId = await w.Circle(village, "kring");
        var anna = await w.Volunteer("anna", village);
        var bram = await w.Volunteer("bram", village);
        await w.Indexed(anna, bram);
        var request = w.Request("hulp", World.Wednesday10, TimeSpan.FromHours(2));
        await w.Circle(circleId).SubmitRequest(request);
        var annaOffer = await w.PendingOffer(anna, request.Id);
        var bramOffer = await w.PendingOffer(bram, request.Id);
        await w.RequestBecomes(circleId, request.Id, RequestStatus.Offered);
        return (circleId, request, annaOffer, bramOffer, anna, bram);
    }

    [Fact]
    public async Task When_two_volunteers_accept_the_same_request_the_first_wins_and_the_other_is_told_it_is_taken()
    {
        var w = _world;
        var (circleId, request, annaOffer, bramOffer, anna, bram) = await BothOffered();
        // Both accepts reach the circle together, each volunteer already holding the time.
        cluster.Barrier.HoldUntil(request.Id, confirmations: 2);

        var replies = await Task.WhenAll(w.Volunteer(anna).Accept(annaOffer.Id), w.Volunteer(bram).Accept(bramOffer.Id));

        Assert.Single(replies, OfferReply.Accepted);
        Assert.Single(replies, OfferReply.TakenByOther);
        var (winner, winnerOffer, loser, loserOffer) = replies[0] == OfferReply.Accepted
            ? (anna, annaOffer, bram, bramOffer)
            : (bram, bramOffer, anna, annaOffer);

        var matched = await w.RequestIn(circleId, request.Id);
        Assert.Equal((RequestStatus.Matched, winner), (matched.Status, matched.VolunteerId));
        Assert.Equal(request.Id, Assert.Single(await w.Volunteer(winner).GetAssignments()).RequestId);
        Assert.Empty(await w.Volunteer(loser).GetAssignments());
        Assert.Equal(OfferStatus.Accepted, (await w.OfferFor(winner, request.Id))!.Status);
        Assert.Equal(OfferStatus.Withdrawn, (await w.OfferFor(loser, request.Id))!.Status);

        // Repeating an accept gives an answer and books nothing twice.
        Assert.Equal(OfferReply.AlreadyAccepted, await w.Volunteer(winner).Accept(winnerOffer.Id));
        Assert.Equal(OfferReply.Withdrawn, await w.Volunteer(loser).Accept(loserOffer.Id));
        Assert.Single(await w.Volunteer(winner).GetAssignments());
        Assert.Empty(await w.Volunteer(loser).GetAssignments());
        Assert.Equal([winner], (await w.Circle(circleId).Get())!.Helpers);
        Assert.Equal(1, (await w.VillageGrain(matched.Village).GetOverview()).Matched);
        await w.PendingBecomes(0);
    }

    [Fact]
    public async Task Accepting_an_offer_that_was_withdrawn_because_another_volunteer_won_is_refused_and_books_nothing()
    {
        var w = _world;
        var (circleId, request, annaOffer, bramOffer, anna, bram) = await BothOffered();

        Assert.Equal(OfferReply.Accepted, await w.Volunteer(anna).Accept(annaOffer.Id));
        // Matching withdraws the other offer once it hears the request was settled.
        await w.OfferBecomes(bram, request.Id, OfferStatus.Withdrawn);

        Assert.Equal(OfferReply.Withdrawn, await w.Volunteer(bram).Accept(bramOffer.Id));
        Assert.Equal(OfferReply.Withdrawn, await w.Volunteer(bram).Decline(bramOffer.Id));
        Assert.Empty(await w.Volunteer(bram).GetAssignments());
        Assert.Equal(anna, (await w.RequestIn(circleId, request.Id)).VolunteerId);
    }

    [Fact]
    public async Task Cancelling_a_request_withdraws_every_outstanding_offer()
    {
        var w = _world;
        var (circleId, request, annaOffer, bramOffer, anna, bram) = await BothOffered();

        var cancelled = await w.Circle(circleId).CancelRequest(request.Id, "carer");

        Assert.Equal(RequestStatus.Cancelled, cancelled!.Status);
        await w.OfferBecomes(anna, request.Id, OfferStatus.Withdrawn);
        await w.OfferBecomes(bram, request.Id, OfferStatus.Withdrawn);
        await w.PendingBecomes(0);

        Assert.Equal(OfferReply.Withdrawn, await w.Volunteer(anna).Accept(annaOffer.Id));
        Assert.Equal(OfferReply.Withdrawn, await w.Volunteer(bram).Accept(bramOffer.Id));
        Assert.Empty(await w.Volunteer(anna).GetAssignments());
        Assert.Empty(await w.Volunteer(bram).GetAssignments());

        var again = await w.Circle(circleId).CancelRequest(request.Id, "carer");
        Assert.Equal(RequestStatus.Cancelled, again!.Status);
        Assert.Single(again.History, h => h.Status == RequestStatus.Cancelled);
        var overview = await w.VillageGrain(cancelled.Village).GetOverview();
        Assert.Equal((0, 0, 0), (overview.Open, overview.Offered, overview.Matched));
    }

    [Fact]
    public async Task Accepting_after_the_request_was_cancelled_while_the_offer_was_still_pending_gives_a_clear_answer()
    {
        var w = _world;
        var (circleId, request, annaOffer, _, anna, _) = await BothOffered();
        // The cancellation notification to matching is lost, so the offer is still pending at the volunteer; the circle
        // must still refuse the match.
        var dropped = cluster.Dropper.DropNext(nameof(IMatchingGrain.RequestSettled), request.Id);
        await w.Circle(circleId).CancelRequest(request.Id, "carer");
        await Eventually.Within(dropped, "the settle notification was dropped");
        Assert.Equal(OfferStatus.Pending, (await w.OfferFor(anna, request.Id))!.Status);

        Assert.Equal(OfferReply.RequestCancelled, await w.Volunteer(anna).Accept(annaOffer.Id));
        Assert.Empty(await w.Volunteer(anna).GetAssignments());
        Assert.Equal(OfferStatus.Withdrawn, (await w.OfferFor(anna, request.Id))!.Status);
        Assert.Equal(RequestStatus.Cancelled, (await w.RequestIn(circleId, request.Id)).Status);
    }
}
