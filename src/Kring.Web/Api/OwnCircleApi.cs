using Kring.Web.Input;
using Kring.Web.Privacy;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using static Kring.Web.Security.AuthSetup;

namespace Kring.Web.Api;

/// <summary>
/// A member of the carer's own people. The e-mail address is for the carer and the consultant; the activation code only
/// in the answer that invited them.
/// </summary>
public sealed record MemberResponse(
    string Id, string Name, string Relation, string UserName, string? UsualTimes, string Sees, string? Email = null,
    string? ActivationCode = null, DateTimeOffset? ActivationExpiresAt = null);
public sealed record MemberInput(string? Name, string? Email, string? Relation);
/// <summary>What the member sees: <c>calendar</c> (the whole calendar and the other members) or <c>own</c>.</summary>
public sealed record MemberSightInput(string? Sees);
/// <summary>One entry of the circle's calendar: who helps when (<c>helper</c> null while nobody does).</summary>
public sealed record CalendarEntryResponse(
    string RequestId, string Kind, DateTimeOffset Start, DateTimeOffset End, string Status, string? Helper, bool OwnPeople,
    DateTimeOffset? CircleFirstUntil);

/// <summary>The carer's own people: inviting them, the circle's calendar, and taking a request with one tap.</summary>
public static class OwnCircleApi
{
    private const string NoCircle = "Deze kring bestaat niet.";
    private const string NoAccess = "U hoort niet bij deze kring.";
    private const string NoMember = "Deze persoon hoort niet bij de eigen kring.";

    public static void MapKringOwnCircleApi(this RouteGroupBuilder api)
    {
        var circle = api.MapGroup("/circles/{circleId}").RequireAuthorization();
        circle.MapPost("/members", Invite).RequireAuthorization(Policies.Requester).Doc("inviteMember", ApiTags.OwnCircle,
            "Invite one of the carer's own people",
            "The carer or the consultant invites family, a neighbour or a friend by e-mail (relation: partner, child, family, " +
            "neighbour, friend, other). They get an account for this circle only; the mail and this answer carry its one-time " +
            "code. Inviting the same address again changes nothing.");
        circle.MapGet("/members", Members).Doc("listMembers", ApiTags.OwnCircle, "List the carer's own people",
            "The members of the circle's own people, with when they can usually help. Their e-mail addresses only for the carer " +
            "and the consultant.");
        circle.MapPatch("/members/{memberId}", SetSight).RequireAuthorization(Policies.Requester).Doc("setMemberSight",
            ApiTags.OwnCircle, "Say what a member sees",
            "The carer or the consultant says what one of the own people sees: calendar (the whole calendar, who helps when, and " +
            "the other members) or own (only what is asked of the circle and their own bookings).");
        circle.MapDelete("/members/{memberId}", Remove).Doc("removeMember", ApiTags.OwnCircle, "Take a member out of the circle",
            "The carer or the consultant takes one of the own people out of the circle, or the member leaves it. Their bookings " +
            "still to come open again for the others and for volunteers; their account ends.");
        circle.MapGet("/calendar", Calendar).Doc("getCircleCalendar", ApiTags.OwnCircle, "Read the circle's calendar",
            "Who helps when, own people and volunteers alike, from now on; without notes or needs. For the carer, the consultant, " +
            "the circle's own people and the professionals the carer consented to.");
        circle.MapPost("/requests/{requestId}/take", Take).RequireAuthorization(Policies.Member).Doc("takeRequest", ApiTags.OwnCircle,
            "Take a request of one's own circle",
            "One of the circle's own people takes the request: booked as a volunteer's accept is, never twice in one time, and " +
            "the first one wins. A volunteer's offer for it is withdrawn.");
    }

    private static async Task<Results<Created<MemberResponse>, Ok<MemberResponse>, ForbiddenProblem, NotFoundProblem,
        InvalidInputProblem, ConflictProblem>> Invite(string circleId, MemberInput? body, HttpContext http, IGrainFactory grains,
        Accounts accounts, SecurityLog log)
    {
        var user = KringUser.Current(http);
        var id = KringApi.Resolve(circleId, user);
        if (id is null) return Problems.Forbidden(NoAccess);
        var errors = new FieldErrors();
        var outcome = await OwnCircleDesk.Invite(grains, accounts, log, http, user, id, body?.Name, body?.Email, body?.Relation, errors);
        switch (outcome.Refusal)
        {
            case OwnCircleDesk.Refusal.NotAllowed: return Problems.Forbidden("U kunt voor deze kring niemand uitnodigen.");
            case OwnCircleDesk.Refusal.NoSuchCircle: return Problems.NotFound(NoCircle);
            case OwnCircleDesk.Refusal.Invalid: return Problems.Validation(errors);
            case OwnCircleDesk.Refusal.NoAccount:
                return Problems.Conflict("Er kon geen gebruikersnaam worden gemaakt. Probeer het nog eens.", "noUserName");
        }
        var member = ToDto(outcome.Member!, withEmail: true);
        if (outcome.Account is not { } account) return TypedResults.Ok(member);
        return TypedResults.Created($"/api/v1/circles/{id}/members",
            member with { ActivationCode = account.ActivationCode, ActivationExpiresAt = account.ActivationExpiresAt });
    }

    private static async Task<Results<Ok<IReadOnlyList<MemberResponse>>, ForbiddenProblem, NotFoundProblem>> Members(
        string circleId, HttpContext http, IGrainFactory grains, AccessLog log)
    {
        var user = KringUser.Current(http);
        var id = KringApi.Resolve(circleId, user);
        if (id is null || !user.CanSeeOwnCircle(id)) return Problems.Forbidden(NoAccess);
        if (await grains.GetGrain<ICarerCircleGrain>(id).Get() is not { } view) return Problems.NotFound(NoCircle);
        await log.Record(http, id, AccessKind.CircleViewed);
        var withEmail = user.Role is not Role.CircleMember;
        return TypedResults.Ok<IReadOnlyList<MemberResponse>>(OwnCircleDesk.VisibleMembers(view, user)
            .Select(m => ToDto(m, withEmail)).ToList());
    }

    private static async Task<Results<NoContent, ForbiddenProblem, NotFoundProblem, InvalidInputProblem>> SetSight(
        string circleId, string memberId, MemberSightInput? body, HttpContext http, IGrainFactory grains)
    {
        var user = KringUser.Current(http);
        var id = KringApi.Resolve(circleId, user);
        if (id is null) return Problems.Forbidden(NoAccess);
        switch (await OwnCircleDesk.SetSight(grains, user, id, memberId, body?.Sees))
        {
            case OwnCircleDesk.Refusal.NotAllowed: return Problems.Forbidden(NoAccess);
            case OwnCircleDesk.Refusal.Invalid:
                var errors = new FieldErrors();
                errors.Add("sees", "Kies wat dit lid ziet: calendar (de hele agenda) of own (alleen het eigen deel).");
                return Problems.Validation(errors);
            case OwnCircleDesk.Refusal.NoSuchCircle: return Problems.NotFound(NoCircle);
            case OwnCircleDesk.Refusal.NoSuchMember: return Problems.NotFound(NoMember);
            default: return TypedResults.NoContent();
        }
    }

    private static async Task<Results<NoContent, ForbiddenProblem, NotFoundProblem>> Remove(
        string circleId, string memberId, HttpContext http, IGrainFactory grains, SessionStamps stamps, SecurityLog log)
    {
        var user = KringUser.Current(http);
        var id = KringApi.Resolve(circleId, user) ?? circleId;
        return await OwnCircleDesk.Remove(grains, stamps, log, http, user, id, memberId) switch
        {
            OwnCircleDesk.Refusal.NotAllowed => Problems.Forbidden(NoAccess),
            OwnCircleDesk.Refusal.NoSuchCircle => Problems.NotFound(NoCircle),
            OwnCircleDesk.Refusal.NoSuchMember => Problems.NotFound(NoMember),
            _ => TypedResults.NoContent(),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<CalendarEntryResponse>>, ForbiddenProblem, NotFoundProblem>> Calendar(
        string circleId, HttpContext http, IGrainFactory grains, AccessLog log)
    {
        var user = KringUser.Current(http);
        var id = KringApi.Resolve(circleId, user);
        if (id is null) return Problems.Forbidden(NoAccess);
        var found = await grains.GetGrain<ICarerCircleGrain>(id).Get();
        if (!user.CanSeeOwnCircle(id) && !ProfessionalDesk.Consented(found, user)) return Problems.Forbidden(NoAccess);
        if (found is not { } view) return Problems.NotFound(NoCircle);
        await log.Record(http, id, AccessKind.CircleViewed);
        return TypedResults.Ok<IReadOnlyList<CalendarEntryResponse>>(OwnCircleDesk.Calendar(view, TimeProvider.System.GetUtcNow(), user)
            .Select(ToDto).ToList());
    }

    private static async Task<Results<Ok<HelpRequestResponse>, ForbiddenProblem, NotFoundProblem, ConflictProblem>> Take(
        string circleId, string requestId, HttpContext http, IGrainFactory grains)
    {
        var user = KringUser.Current(http);
        var id = KringApi.Resolve(circleId, user) ?? circleId;
        var (refusal, reply, request) = await OwnCircleDesk.Take(grains, user, id, requestId);
        if (refusal == OwnCircleDesk.Refusal.NotAllowed) return Problems.Forbidden(NoAccess);
        if (refusal == OwnCircleDesk.Refusal.NoSuchRequest || reply == OfferReply.NotFound)
        {
            return Problems.NotFound("Deze hulpvraag bestaat niet.");
        }
        if (reply is OfferReply.Accepted or OfferReply.AlreadyAccepted) return TypedResults.Ok(OwnView(request!));
        return Problems.Conflict(Explain(reply!.Value), reply.Value.Code());
    }

    /// <summary>The carer's own people learn who helps when, not the notes or the history (which names staff).</summary>
    private static HelpRequestResponse OwnView(HelpRequestView r) => r.ToDto() with { Notes = null, History = [] };

    public static string Explain(OfferReply reply) => reply switch
    {
        OfferReply.TakenByOther => "Iemand anders was u net voor.",
        OfferReply.ScheduleConflict => "U heeft op die tijd al een andere afspraak.",
        _ => "Deze hulpvraag staat niet meer open.",
    };

    public static CalendarEntryResponse ToDto(OwnCircleDesk.CalendarEntry e) =>
        new(e.RequestId, e.Kind.Code(), e.Start, e.End, e.Status.Code(), e.Helper, e.OwnPeople, e.CircleFirstUntil);

    public static MemberResponse ToDto(CircleMember m, bool withEmail) =>
        new(m.Id, m.Name, OwnCircleDesk.Code(m.Relation), m.UserName, m.UsualTimes, OwnCircleDesk.Code(m.Sight),
            withEmail ? m.Email : null);
}
