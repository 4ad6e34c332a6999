using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>
/// A shard plans a new request together with the requests whose offers nobody has answered yet, so an offer can move to
/// another volunteer when the new request cannot do without its volunteer.
/// </summary>
public sealed class RevisionTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private readonly World _world = new(cluster.Client);

    private sealed record WalkOffered(string CircleA, string CircleB, string Vera, string Wim, NewHelpRequest Walk, Offer First);

    /// <summary>
    /// Circle A's walk is offered to Vera, the only volunteer then; Wim, who could take it too, arrives after that. Circle B
    /// has no request yet.
    /// </summary>
    private async Task<WalkOffered> WalkOfferedToVera(HelpKind[]? kinds = null, string[]? skills = null)
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleA = await w.Circle(village, "kring-a");
        var circleB = await w.Circle(village, "kring-b");
        var vera = await w.Volunteer("vera", village, kinds: kinds, skills: skills);
        var walk = w.Request("wandeling", World.Wednesday10, TimeSpan.FromHours(2));
        await w.Circle(circleA).SubmitRequest(walk);
        var first = await w.PendingOffer(vera, walk.Id);
        var wim = await w.Volunteer("wim", village);
        await w.Indexed(wim);
        return new WalkOffered(circleA, circleB, vera, wim, walk, first);
    }

    [Fact]
    public async Task An_unanswered_offer_moves_to_another_volunteer_when_a_new_request_needs_its_volunteer()
    {
        var w = _world;
        var (circleA, circleB, vera, wim, walk, first) = await WalkOfferedToVera(skills: ["dementia"]);
        // Only Vera knows about dementia.
        var visit = w.Request("bezoek", World.Wednesday10.AddHours(1), TimeSpan.FromHours(2), "dementia");

        await w.Circle(circleB).SubmitRequest(visit);

        await w.PendingOffer(vera, visit.Id);
        await w.PendingOffer(wim, walk.Id);
        await w.OfferBecomes(vera, walk.Id, OfferStatus.Withdrawn);
        Assert.Equal(OfferReply.Withdrawn, await w.Volunteer(vera).Accept(first.Id));
        Assert.Equal(RequestStatus.Offered, (await w.RequestIn(circleA, walk.Id)).Status);
    }

    [Fact]
    public async Task A_volunteer_whose_offer_a_revised_plan_took_back_can_be_offered_the_request_again()
    {
        var w = _world;
        var (circleA, circleB, vera, wim, walk, _) = await WalkOfferedToVera(skills: ["dementia"]);
        var visit = w.Request("bezoek", World.Wednesday10.AddHours(1), TimeSpan.FromHours(2), "dementia");
        await w.Circle(circleB).SubmitRequest(visit);
        var visitOffer = await w.PendingOffer(vera, visit.Id);
        var wimsWalk = await w.PendingOffer(wim, walk.Id);
        await w.OfferBecomes(vera, walk.Id, OfferStatus.Withdrawn);

        Assert.Equal(OfferReply.Declined, await w.Volunteer(vera).Decline(visitOffer.Id));
        Assert.Equal(OfferReply.Declined, await w.Volunteer(wim).Decline(wimsWalk.Id));

        var again = await w.PendingOffer(vera, walk.Id);
        Assert.Equal(OfferReply.Accepted, await w.Volunteer(vera).Accept(again.Id));
        await w.RequestBecomes(circleA, walk.Id, RequestStatus.Matched);
    }

    [Fact]
    public async Task A_volunteer_of_both_kinds_is_planned_once_for_a_buddy_request_and_a_respite_request_at_the_same_time()
    {
        var w = _world;
        var (_, circleB, vera, wim, walk, _) = await WalkOfferedToVera(kinds: [HelpKind.Buddy, HelpKind.Respite]);
        var respite = w.Request("respijt", World.Wednesday10.AddHours(1), TimeSpan.FromHours(2)) with { Kind = HelpKind.Respite };

        await w.Circle(circleB).SubmitRequest(respite);

        // Only Vera gives respite; the walk can do with Wim, so both are filled.
        var offer = await w.PendingOffer(vera, respite.Id);
        await w.PendingOffer(wim, walk.Id);
        await w.OfferBecomes(vera, walk.Id, OfferStatus.Withdrawn);
        Assert.Equal(OfferReply.Accepted, await w.Volunteer(vera).Accept(offer.Id));
        await w.RequestBecomes(circleB, respite.Id, RequestStatus.Matched);
    }

    [Fact]
    public async Task An_unanswered_offer_stays_when_the_new_request_can_do_without_its_volunteer()
    {
        var w = _world;
        var (_, circleB, vera, wim, walk, first) = await WalkOfferedToVera();
        var visit = w.Request("bezoek", World.Wednesday10.AddHours(1), TimeSpan.FromHours(2));

        await w.Circle(circleB).SubmitRequest(visit);

        await w.PendingOffer(wim, visit.Id);
        Assert.Equal(OfferStatus.Pending, (await w.OfferFor(vera, walk.Id))?.Status);
        Assert.Null(await w.OfferFor(wim, walk.Id));
        Assert.Equal(OfferReply.Accepted, await w.Volunteer(vera).Accept(first.Id));
    }
}
