using System.Globalization;
using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using static Kring.Web.Security.AuthSetup;

namespace Kring.Web.Api;

public sealed record NewVolunteerInput(
    string? UserName, string? DisplayName, string? Village, IReadOnlyList<string>? Kinds, IReadOnlyList<string>? Skills, double? MaxKm,
    double? MaxHoursPerWeek);

/// <summary>
/// The partner coordinator's work: the queue of escalated requests, their volunteers (and signing up new ones), and
/// matching by hand.
/// </summary>
public static class Coordination
{
    private const string NotYours = "U bent geen coördinator van deze organisatie.";

    public static void Map(RouteGroupBuilder api)
    {
        var partner = api.MapGroup("/partners/{partnerId}").RequireAuthorization(Policies.Coordinator);
        partner.MapGet("/queue", Queue).Doc("getPartnerQueue", ApiTags.Partners, "The coordinator's queue",
            "Returns the requests for help escalated to the partner because no volunteer was found in time, with the reason.");
        partner.MapGet("/volunteers", Volunteers).Doc("listPartnerVolunteers", ApiTags.Partners, "List the partner's volunteers",
            "Returns the volunteers of the coordinator's own partner.");
        partner.MapPost("/volunteers", RegisterVolunteer).Doc("registerVolunteer", ApiTags.Partners, "Sign up a volunteer",
            "Signs up a volunteer of the coordinator's own partner, with an account and a one-time activation code to hand over. " +
            "An Idempotency-Key header makes a retry sign up nobody twice.");
    }

    /// <summary>Signs up a volunteer of the coordinator's own partner, with an account (see <see cref="VolunteerSignUp"/>).</summary>
    public static async Task<Results<Created<NewVolunteerResponse>, ForbiddenProblem, InvalidInputProblem>> RegisterVolunteer(
       string partnerId, NewVolunteerInput? body, HttpContext http, IGrainFactory grains,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, Accounts accounts, Security.SecurityLog log)
    {
        if (!Owns(http, partnerId)) return Problems.Forbidden(NotYours);
        var errors = new FieldErrors();
        if (body is null) { errors.Add("body", "Stuur de gegevens van de vrijwilliger mee."); return Problems.Validation(errors); }
        if (idempotencyKey is { Length: > 100 }) errors.Add("Idempotency-Key", "De sleutel is te lang (hooguit 100 tekens).");
        var form = new VolunteerSignUp.Form(body.UserName, body.DisplayName, body.Village, body.Kinds, body.Skills,
            body.MaxKm?.ToString(CultureInfo.InvariantCulture), body.MaxHoursPerWeek?.ToString(CultureInfo.InvariantCulture));
        var created = await VolunteerSignUp.Run(grains, accounts, log, http, partnerId, KringUser.From(http.User)!.UserName, form,
            idempotencyKey, errors);
        return created is null ? Problems.Validation(errors) : TypedResults.Created($"/api/v1/partners/{partnerId}/volunteers/{created.Id}",
            created);
    }

    public static async Task<Results<Ok<IEnumerable<QueueItemResponse>>, ForbiddenProblem>> Queue(string partnerId, HttpContext http,
        IGrainFactory grains, Privacy.AccessLog log)
    {
        if (!Owns(http, partnerId)) return Problems.Forbidden(NotYours);
        var queue = await grains.GetGrain<IPartnerGrain>(partnerId).GetQueue();
        await log.Record(http, queue.Select(q => q.Request.CircleId), AccessKind.Listed);
        return TypedResults.Ok(queue.Select(q => new QueueItemResponse(q.Request.Id, q.Request.CircleId, q.Request.Village,
            q.Request.Kind.Code(),
            q.Request.Start, q.Request.End, q.Request.Needs, q.EscalatedAt, q.Reason)));
    }

    public static async Task<Results<Ok<IEnumerable<PartnerVolunteerResponse>>, ForbiddenProblem>> Volunteers(string partnerId,
        HttpContext http, IGrainFactory grains)
    {
        if (!Owns(http, partnerId)) return Problems.Forbidden(NotYours);
        var ids = await grains.GetGrain<IPartnerGrain>(partnerId).GetVolunteers();
        var profiles = await Task.WhenAll(ids.Select(id => grains.GetGrain<IVolunteerGrain>(id).GetProfile()));
        return TypedResults.Ok(profiles.OfType<VolunteerProfile>().Select(p =>
            new PartnerVolunteerResponse(p.Id, p.DisplayName, p.HomeVillage, p.Kinds.Select(k => k.Code()).ToList(), p.Skills)));
    }

    public static async Task<Results<Ok<OfferResultResponse>, InvalidInputProblem, NotFoundProblem, ForbiddenProblem,
        ConflictProblem>> Assign(
       string circleId, string requestId, AssignInput? body, HttpContext http, IGrainFactory grains)
    {
        var user = KringUser.From(http.User)!;
        var errors = new FieldErrors();
        var reason = Reason(body?.Reason, errors);
        if (string.IsNullOrWhiteSpace(body?.VolunteerId)) errors.Add("volunteerId", "Kies een vrijwilliger.");
        if (errors.Any) return Problems.Validation(errors);
        var outcome = await CoordinatorDesk.Assign(grains, user, circleId, requestId, body!.VolunteerId!, reason!);
        return outcome switch
        {
            { Refusal: CoordinatorDesk.Refusal.NoSuchRequest } => Problems.NotFound(CoordinatorDesk.Explain(outcome.Refusal)),
            { Refusal: not CoordinatorDesk.Refusal.None } => Problems.Forbidden(CoordinatorDesk.Explain(outcome.Refusal)),
            { Reply: OfferReply.Accepted or OfferReply.AlreadyAccepted } => TypedResults.Ok(new OfferResultResponse(requestId,
                outcome.Reply.Value.Code())),
            _ => Problems.Conflict(Problems.Explain(outcome.Reply!.Value), outcome.Reply!.Value.Code()),
        };
    }

    public static async Task<Results<Ok<OfferResultResponse>, InvalidInputProblem, NotFoundProblem, ForbiddenProblem,
        ConflictProblem>> Unassign(
       string circleId, string requestId, UnassignInput? body, HttpContext http, IGrainFactory grains)
    {
        var user = KringUser.From(http.User)!;
        var errors = new FieldErrors();
        var reason = Reason(body?.Reason, errors);
        if (errors.Any) return Problems.Validation(errors);
        var request = await grains.GetGrain<ICarerCircleGrain>(circleId).GetRequest(requestId);
        if (request?.VolunteerId is not { } volunteerId) return Problems.NotFound("Deze hulpvraag heeft geen gekoppelde vrijwilliger.");
        if (!(await grains.GetGrain<IPartnerGrain>(user.PartnerId!).GetVolunteers()).Contains(volunteerId))
        {
            return Problems.Forbidden("Deze vrijwilliger hoort niet bij uw organisatie.");
        }
        var reply = await grains.GetGrain<IVolunteerGrain>(volunteerId).UnassignByCoordinator(requestId, user.UserName, reason!);
        return reply == OfferReply.Unassigned ? TypedResults.Ok(new OfferResultResponse(requestId,
            reply.Code())) : Problems.Conflict(Problems.Explain(reply), reply.Code());
    }

    private static bool Owns(HttpContext http, string partnerId) => KringUser.From(http.User)?.PartnerId == partnerId;

    private static string? Reason(string? reason, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(reason)) errors.Add("reason", "Geef een reden op; die komt in de geschiedenis van de hulpvraag.");
        else if (reason.Length > 500) errors.Add("reason", "De reden is te lang (hooguit 500 tekens).");
        return reason?.Trim();
    }
}
