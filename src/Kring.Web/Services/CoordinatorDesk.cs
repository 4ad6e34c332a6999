using Kring.Web.Security;

namespace Kring.Web.Services;

/// <summary>
/// Booking by hand, for the coordinator's page and the API alike. A coordinator books only one of their partner's own
/// volunteers, and only onto a request that is in their partner's queue or that their partner serves (its kind, in its
/// village): the booked volunteer gets to see the carer's contact details, so the request must be the partner's business.
/// </summary>
public static class CoordinatorDesk
{
    public enum Refusal
    {
        None,
        NotOurVolunteer,
        NoSuchRequest,
        NotOurRequest,
    }

    public sealed record AssignOutcome(Refusal Refusal, HelpRequestView? Request = null, OfferReply? Reply = null);

    public static async Task<AssignOutcome> Assign(
        IGrainFactory grains, KringUser user, string circleId, string requestId, string volunteerId, string reason)
    {
        var partner = grains.GetGrain<IPartnerGrain>(user.PartnerId!);
        if (!(await partner.GetVolunteers()).Contains(volunteerId)) return new(Refusal.NotOurVolunteer);
        var request = await grains.GetGrain<ICarerCircleGrain>(circleId).GetRequest(requestId);
        if (request is null) return new(Refusal.NoSuchRequest);
        if (!await IsOurs(grains, partner, request)) return new(Refusal.NotOurRequest, request);

        var summary =
            new RequestSummary(request.Id, request.CircleId, request.Village, request.Kind, request.Start, request.End, request.Needs,
            request.Status, request.CreatedAt, [], request.Priority, request.SeriesId);
        var reply = await grains.GetGrain<IVolunteerGrain>(volunteerId).AssignByCoordinator(summary, user.UserName, reason);
        // The queue drops the request at once, so the coordinator's next look no longer shows it; the matching shard's
        // own notice to the partner arrives later.
        if (reply is OfferReply.Accepted or OfferReply.AlreadyAccepted) await partner.Resolve(request.Id);
        return new(Refusal.None, request, reply);
    }

    /// <summary>The Dutch explanation of a refusal, for the API's ProblemDetails and the page alike.</summary>
    public static string Explain(Refusal refusal) => refusal switch
    {
        Refusal.NotOurVolunteer => "Deze vrijwilliger hoort niet bij uw organisatie.",
        Refusal.NoSuchRequest => "Deze hulpvraag bestaat niet.",
        Refusal.NotOurRequest => "Deze hulpvraag staat niet in de wachtrij van uw organisatie en valt buiten wat uw organisatie biedt.",
        _ => "",
    };

    private static async Task<bool> IsOurs(IGrainFactory grains, IPartnerGrain partner, HelpRequestView request)
    {
        if ((await partner.GetQueue()).Any(q => q.Request.Id == request.Id)) return true;
        if (await partner.GetInfo() is not { } info) return false;
        var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
        return info.Serves(request.Kind, request.Village, villages.FirstOrDefault(v => v.Id == request.Village)?.Region);
    }
}
