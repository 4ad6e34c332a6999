using Kring.Web.Input;
using Kring.Web.Privacy;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using static Kring.Web.Security.AuthSetup;

namespace Kring.Web.Api;

/// <summary>A carer circle and its requests for help; "mine" stands for the signed-in carer's own circle.</summary>
public static class CircleApi
{
    private const string NoCircle = "Deze kring bestaat niet.";
    private const string NoAccess = "U heeft geen toegang tot deze kring.";
    private const string CannotAsk = "U kunt geen hulp vragen voor deze kring.";

    public static void MapKringCircleApi(this RouteGroupBuilder api)
    {
        var circles = api.MapGroup("/circles/{circleId}").RequireAuthorization();
        circles.MapGet("", GetCircle).Doc("getCircle", ApiTags.Circles, "Read a circle",
            "Returns the carer, the person cared for, the helpers and the requests for help. 410 for a circle that was erased.");
        circles.MapPost("/requests", SubmitRequest).RequireAuthorization(Policies.Filer).Doc("submitRequest", ApiTags.Requests,
            "Ask for help",
                "Files a request for help (start and end in ISO 8601). With repeat.weeks it files a weekly series; the answer " +
            "then lists every request. circleFirst: true gives the circle's own people the request first (the form ticks it when " +
            "the circle has them; the API only when asked), " +
            "for circleFirstHours (default 24, at most until halfway to the start); then matching offers it to volunteers. An " +
            "Idempotency-Key header makes a retry file nothing twice. Who may: the carer, the consultant, a professional the carer " +
            "consented to, and the village contact person for a carer of their village, with carerConsent saying how the carer " +
            "agreed (logged as a contact).");
        circles.MapGet("/requests/{requestId}", GetRequest).Doc("getRequest", ApiTags.Requests, "Read a request",
            "Returns a request for help with its history and, once matched, who is coming.");
        circles.MapPost("/requests/{requestId}/cancel", CancelRequest).RequireAuthorization(Policies.Requester)
            .Doc("cancelRequest", ApiTags.Requests, "Cancel a request", "Cancels a request for help and returns it as it is now.");
        circles.MapPost("/requests/{requestId}/assign", Coordination.Assign).RequireAuthorization(Policies.Coordinator).Doc("assignRequest",
            ApiTags.Requests, "Match a volunteer by hand",
                "The coordinator matches one of their volunteers with the request, giving a reason.");
        circles.MapPost("/requests/{requestId}/unassign",
            Coordination.Unassign).RequireAuthorization(Policies.Coordinator).Doc("unassignRequest",
            ApiTags.Requests, "Unmatch the volunteer",
                "The coordinator takes their volunteer off the request, giving a reason; it opens again.");
    }

    private static async Task<Results<Ok<CircleResponse>, ForbiddenProblem, NotFoundProblem, MissingProblem>> GetCircle(
        string circleId, HttpContext http, IGrainFactory grains, AccessLog log)
    {
        var user = KringUser.Current(http);
        var id = KringApi.Resolve(circleId, user);
        if (id is null) return Problems.NotFound(NoCircle);
        var grain = grains.GetGrain<ICarerCircleGrain>(id);
        var circle = await grain.Get();
        if (circle is null) return await Missing(grain, user);
        if (!user.CanReadCircle(circle.Profile)) return Problems.Forbidden(NoAccess);
        await log.Record(http, id, AccessKind.CircleViewed);
        return TypedResults.Ok(circle.ToDto());
    }

    /// <summary>
    /// 410 for an erased circle to those who may still know of it (the consultant, the operator); 404 otherwise, so
    /// nobody else learns which ids were erased.
    /// </summary>
    private static Task<MissingProblem> Missing(ICarerCircleGrain circle, KringUser user) =>
        user.Role is Role.CarerConsultant or Role.Operator ? PrivacyApi.Missing(circle)
            : Task.FromResult(MissingProblem.NotFound(NoCircle));

    private static async Task<Results<Created<RequestCreatedResponse>, Created<SeriesCreatedResponse>, ForbiddenProblem, MissingProblem,
        InvalidInputProblem>> SubmitRequest(string circleId, NewRequestInput? body, HttpContext http, IGrainFactory grains,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        var user = KringUser.Current(http);
        var id = KringApi.Resolve(circleId, user);
        if (id is null) return Problems.Forbidden(CannotAsk);
        var errors = new FieldErrors();
        var filing = new HelpRequestDesk.Filing(body?.Kind, RequestInput.ParseInstant(body?.Start, "start", errors),
            RequestInput.ParseInstant(body?.End, "end", errors), body?.Needs, body?.Notes, body?.Urgent == true,
            body?.Repeat is null ? null : body.Repeat.Weeks ?? 0, idempotencyKey, body?.CircleFirst, body?.CircleFirstHours,
            body?.CarerConsent);
        var outcome = await HelpRequestDesk.File(grains, user, id, filing, errors);
        switch (outcome.Refusal)
        {
            case HelpRequestDesk.Refusal.NotAllowed: return Problems.Forbidden(CannotAsk);
            case HelpRequestDesk.Refusal.NoSuchCircle: return await Missing(grains.GetGrain<ICarerCircleGrain>(id), user);
            case HelpRequestDesk.Refusal.Invalid: return Problems.Validation(errors);
        }
        var first = outcome.Filed[0];
        var location = $"/api/v1/circles/{id}/requests/{first.Id}";
        if (outcome.SeriesId is not { } seriesId) return TypedResults.Created(location, new RequestCreatedResponse(first.Id,
            first.Status.Code()));
        var series = outcome.Filed.Select(v => new RequestCreatedResponse(v.Id, v.Status.Code())).ToList();
        return TypedResults.Created(location, new SeriesCreatedResponse(seriesId, series));
    }

    private static async Task<Results<Ok<HelpRequestResponse>, ForbiddenProblem, NotFoundProblem, MissingProblem>> GetRequest(
        string circleId, string requestId, HttpContext http, IGrainFactory grains, AccessLog log)
    {
        var user = KringUser.Current(http);
        var id = KringApi.Resolve(circleId, user);
        if (id is null) return Problems.NotFound(NoCircle);
        var grain = grains.GetGrain<ICarerCircleGrain>(id);
        var circle = await grain.Get();
        if (circle is null) return await Missing(grain, user);
        if (!user.CanReadCircle(circle.Profile)) return Problems.Forbidden(NoAccess);
        var request = await grain.GetRequest(requestId);
        if (request is null) return Problems.NotFound("Deze hulpvraag bestaat niet.");
        await log.Record(http, id, AccessKind.RequestViewed, request.Id);
        return TypedResults.Ok(request.ToDto());
    }

    private static async Task<Results<Ok<HelpRequestResponse>, ForbiddenProblem, NotFoundProblem, MissingProblem>> CancelRequest(
        string circleId, string requestId, HttpContext http, IGrainFactory grains, AccessLog log)
    {
        var user = KringUser.Current(http);
        var id = KringApi.Resolve(circleId, user);
        if (id is null || !user.CanRequestFor(id)) return Problems.Forbidden("U kunt deze hulpvraag niet annuleren.");
        var grain = grains.GetGrain<ICarerCircleGrain>(id);
        if (await grain.IsErased()) return await Missing(grain, user);
        var request = await grain.CancelRequest(requestId, user.UserName);
        if (request is null) return Problems.NotFound("Deze hulpvraag bestaat niet.");
        await log.Record(http, id, AccessKind.RequestViewed, request.Id);
        return TypedResults.Ok(request.ToDto());
    }
}
