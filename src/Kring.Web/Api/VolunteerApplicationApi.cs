using System.Globalization;
using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using static Kring.Web.Security.AuthSetup;

namespace Kring.Web.Api;

public sealed record ApplicationInput(
    string? Name, string? Email, string? Mobile, string? Village, IReadOnlyList<string>? Kinds, double? MaxKm, string? Note);
public sealed record ApplicationReceived(string Message);
public sealed record ApplicationResponse(
    string Id, string Name, string Email, string? Mobile, string Village, IReadOnlyList<string> Kinds, double MaxKm, string? Note,
    DateTimeOffset SubmittedAt);

/// <summary>Volunteers who sign up themselves with a partner, and the coordinator who approves or declines them.</summary>
public static class VolunteerApplicationApi
{
    private const string NoPartner = "Deze organisatie kennen we niet.";
    private const string NoApplication = "Deze aanmelding wacht niet (meer).";
    private const string OtherPartner = "U bent geen coördinator van deze organisatie.";

    public static void MapKringVolunteerApplicationApi(this RouteGroupBuilder api)
    {
        api.MapPost("/partners/{partnerId}/applications", Apply).AllowAnonymous().Doc("applyAsVolunteer", ApiTags.Partners,
            "Sign up as a volunteer",
            "Anyone signs up as a volunteer with a partner, in one of the villages it serves; the applicant gets a mail that it " +
            "arrived. Nothing is made until the partner's coordinator approves it.");
        var applications = api.MapGroup("/partners/{partnerId}/applications").RequireAuthorization(Policies.Coordinator);
        applications.MapGet("", List).Doc("listApplications", ApiTags.Partners, "List the waiting volunteer sign-ups",
            "The applications waiting for the partner's coordinator, oldest first.");
        applications.MapPost("/{applicationId}/approve", Approve).Doc("approveApplication", ApiTags.Partners,
            "Approve a volunteer sign-up",
            "Makes the volunteer and their account; the applicant gets the user name and a one-time code by mail, not in this answer.");
        applications.MapPost("/{applicationId}/decline", Decline).Doc("declineApplication", ApiTags.Partners,
            "Decline a volunteer sign-up", "The applicant gets a mail, and the application and its personal data go.");
    }

    private static async Task<Results<Accepted<ApplicationReceived>, InvalidInputProblem, NotFoundProblem, ConflictProblem>> Apply(
        string partnerId, ApplicationInput? body, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var form = new VolunteerApplicationDesk.Form(body?.Name, body?.Email, body?.Mobile, body?.Village, body?.Kinds,
            body?.MaxKm?.ToString(CultureInfo.InvariantCulture), body?.Note);
        return await VolunteerApplicationDesk.Apply(grains, partnerId, form, errors) switch
        {
            VolunteerApplicationDesk.Refusal.NoSuchPartner => Problems.NotFound(NoPartner),
            VolunteerApplicationDesk.Refusal.Invalid => Problems.Validation(errors),
            VolunteerApplicationDesk.Refusal.Full => Problems.Conflict(
                "Er wachten nu al veel aanmeldingen bij deze organisatie. Probeer het later nog eens.", "tooManyWaiting"),
            _ => TypedResults.Accepted((string?)null, new ApplicationReceived(
                "Dank u wel. U krijgt een mail dat uw aanmelding binnen is, en nog een zodra de coördinator haar heeft bekeken.")),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<ApplicationResponse>>, ForbiddenProblem>> List(
        string partnerId, HttpContext http, IGrainFactory grains) =>
        await VolunteerApplicationDesk.Waiting(grains, KringUser.Current(http), partnerId) is { } waiting
            ? TypedResults.Ok<IReadOnlyList<ApplicationResponse>>(waiting.Select(ToDto).ToList())
            : Problems.Forbidden(OtherPartner);

    private static async Task<Results<Created<NewVolunteerResponse>, ForbiddenProblem, NotFoundProblem, ConflictProblem>> Approve(
        string partnerId, string applicationId, HttpContext http, IGrainFactory grains, Accounts accounts, SecurityLog log)
    {
        var (refusal, volunteer) = await VolunteerApplicationDesk.Approve(grains, accounts, log, http, KringUser.Current(http), partnerId,
            applicationId);
        return refusal switch
        {
            VolunteerApplicationDesk.Refusal.NotAllowed => Problems.Forbidden(OtherPartner),
            VolunteerApplicationDesk.Refusal.NoSuchApplication => Problems.NotFound(NoApplication),
            VolunteerApplicationDesk.Refusal.None => TypedResults.Created($"/api/v1/partners/{partnerId}/volunteers", volunteer!),
            _ => Problems.Conflict("Er kon geen vrijwilliger van worden gemaakt. Probeer het nog eens.", "notMade"),
        };
    }

    private static async Task<Results<NoContent, ForbiddenProblem, NotFoundProblem>> Decline(
        string partnerId, string applicationId, HttpContext http, IGrainFactory grains) =>
        await VolunteerApplicationDesk.Decline(grains, KringUser.Current(http), partnerId, applicationId) switch
        {
            VolunteerApplicationDesk.Refusal.NotAllowed => Problems.Forbidden(OtherPartner),
            VolunteerApplicationDesk.Refusal.NoSuchApplication => Problems.NotFound(NoApplication),
            _ => TypedResults.NoContent(),
        };

    public static ApplicationResponse ToDto(VolunteerApplication a) =>
        new(a.Id, a.Name, a.Email, a.Mobile, a.Village, a.Kinds.Select(k => k.Code()).ToList(), a.MaxKm, a.Note, a.SubmittedAt);
}
