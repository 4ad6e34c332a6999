using Kring.Web.Privacy;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kring.Web.Api;

/// <summary>A professional linked to a circle; <c>consentedAt</c> null while the carer has not consented.</summary>
public sealed record ProfessionalResponse(
    string UserName, string Name, string LinkedBy, DateTimeOffset LinkedAt, DateTimeOffset? ConsentedAt);
public sealed record ProfessionalInput(string? UserName);
/// <summary>One balance check-in as a professional sees it: when, the score (0–100) and the level.</summary>
public sealed record BalancePointResponse(DateTimeOffset At, int Score, string Level);
/// <summary>A circle as a professional the carer consented to sees it: the calendar and the balance, no address or notes.</summary>
public sealed record ProfessionalCircleResponse(
    string CircleId, string CarerName, string Village, IReadOnlyList<CalendarEntryResponse> Calendar,
    IReadOnlyList<BalancePointResponse> Balance);

/// <summary>Professionals around the carer: linked by the consultant, let in by the carer's consent.</summary>
public static class ProfessionalApi
{
    private const string NoCircle = "Deze kring bestaat niet.";

    public static void MapKringProfessionalApi(this RouteGroupBuilder api)
    {
        var circle = api.MapGroup("/circles/{circleId}/professionals").RequireAuthorization(AuthSetup.Policies.Requester);
        circle.MapPost("", Link).Doc("linkProfessional", ApiTags.Professionals, "Link a professional to a circle",
            "The consultant links a professional's account (role professional) to the circle. They see nothing until the carer " +
            "consents. Linking again changes nothing. The access log records it.");
        circle.MapGet("", List).Doc("listProfessionals", ApiTags.Professionals, "List a circle's professionals",
            "The professionals linked to the circle, and whether the carer consented; for the carer and the consultant.");
        circle.MapPost("/{userName}/consent", Consent).Doc("consentProfessional", ApiTags.Professionals, "Consent to a professional",
            "The carer lets a linked professional see the circle's calendar and balance and ask for help for them. The access log " +
            "records it.");
        circle.MapDelete("/{userName}", Unlink).Doc("unlinkProfessional", ApiTags.Professionals, "End a professional's link",
            "The carer or the consultant ends the link, consented or not; the professional sees the circle no more.");
        api.MapGet("/professionals/me/circles", Circles).RequireAuthorization(p => p.RequireRole(nameof(Role.Professional)))
            .Doc("listProfessionalCircles", ApiTags.Professionals, "The circles of the signed-in professional",
                "Every circle whose carer consented to the signed-in professional, with its calendar and balance check-ins " +
                "(when, score, level); each view is in the circle's access log.");
    }

    private static async Task<Results<Created<ProfessionalResponse>, ForbiddenProblem, NotFoundProblem, InvalidInputProblem>> Link(
        string circleId, ProfessionalInput? body, HttpContext http, IGrainFactory grains, AccessLog log)
    {
        var (refusal, link) = await ProfessionalDesk.Link(grains, log, http, KringUser.Current(http), circleId, body?.UserName);
        return refusal switch
        {
            ProfessionalDesk.Refusal.NotAllowed => Problems.Forbidden("Alleen de mantelzorgconsulent koppelt zorgprofessionals."),
            ProfessionalDesk.Refusal.NoSuchCircle => Problems.NotFound(NoCircle),
            ProfessionalDesk.Refusal.NoSuchProfessional => Problems.Validation(Input.FieldErrors.One("userName",
                "Er is geen zorgprofessional met deze gebruikersnaam.")),
            _ => TypedResults.Created($"/api/v1/circles/{circleId}/professionals", ToDto(link!)),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<ProfessionalResponse>>, ForbiddenProblem, NotFoundProblem>> List(
        string circleId, HttpContext http, IGrainFactory grains, AccessLog log)
    {
        var user = KringUser.Current(http);
        var id = KringApi.Resolve(circleId, user);
        if (id is null || !user.CanRequestFor(id)) return Problems.Forbidden("U kunt de zorgprofessionals van deze kring niet inzien.");
        if (await grains.GetGrain<ICarerCircleGrain>(id).Get() is not { } view) return Problems.NotFound(NoCircle);
        await log.Record(http, id, AccessKind.CircleViewed);
        return TypedResults.Ok<IReadOnlyList<ProfessionalResponse>>((view.Professionals ?? []).Select(ToDto).ToList());
    }

    private static async Task<Results<NoContent, ForbiddenProblem, NotFoundProblem>> Consent(
        string circleId, string userName, HttpContext http, IGrainFactory grains, AccessLog log)
    {
        var user = KringUser.Current(http);
        var id = KringApi.Resolve(circleId, user) ?? circleId;
        return await ProfessionalDesk.Consent(grains, log, http, user, id, userName) switch
        {
            ProfessionalDesk.Refusal.NotAllowed => Problems.Forbidden("Alleen de mantelzorger zelf geeft toestemming."),
            ProfessionalDesk.Refusal.NotLinked => Problems.NotFound("Deze zorgprofessional is niet aan de kring gekoppeld."),
            _ => TypedResults.NoContent(),
        };
    }

    private static async Task<Results<NoContent, ForbiddenProblem, NotFoundProblem>> Unlink(
        string circleId, string userName, HttpContext http, IGrainFactory grains, AccessLog log)
    {
        var user = KringUser.Current(http);
        var id = KringApi.Resolve(circleId, user) ?? circleId;
        return await ProfessionalDesk.Unlink(grains, log, http, user, id, userName) switch
        {
            ProfessionalDesk.Refusal.NotAllowed => Problems.Forbidden("U kunt voor deze kring niemand ontkoppelen."),
            ProfessionalDesk.Refusal.NotLinked => Problems.NotFound("Deze zorgprofessional is niet aan de kring gekoppeld."),
            _ => TypedResults.NoContent(),
        };
    }

    private static async Task<Ok<IReadOnlyList<ProfessionalCircleResponse>>> Circles(HttpContext http, IGrainFactory grains, AccessLog log)
    {
        var circles = await ProfessionalDesk.Circles(grains, log, http, KringUser.Current(http));
        return TypedResults.Ok<IReadOnlyList<ProfessionalCircleResponse>>(circles.Select(c => new ProfessionalCircleResponse(
            c.CircleId, c.CarerName, c.Village, c.Calendar.Select(OwnCircleApi.ToDto).ToList(),
            c.Balance.Select(b => new BalancePointResponse(b.At, b.Score, BalanceApi.Code(b.Level))).ToList())).ToList());
    }

    public static ProfessionalResponse ToDto(ProfessionalLink p) => new(p.UserName, p.Name, p.LinkedBy, p.LinkedAt, p.ConsentedAt);
}
