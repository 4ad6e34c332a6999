using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using static Kring.Web.Security.AuthSetup;

namespace Kring.Web.Api;

public sealed record IntakeInput(
    string? Village, string? CarerName, int? CarerAge, string? CareRecipientName, string? Relationship, IReadOnlyList<string>? Needs,
    string? Phone, string? Address, string? Email, string? ReferrerName, string? ReferrerEmail, string? Note);
public sealed record IntakeReceived(string Message);
public sealed record IntakeResponse(
    string Id, string Village, string CarerName, int CarerAge, string CareRecipientName, string Relationship, IReadOnlyList<string> Needs,
    string? Phone, string? Address, string? Email, string? ReferredBy, string? ReferrerEmail, string? Note, DateTimeOffset SubmittedAt);
public sealed record IntakeAccepted(string CircleId, string? UserName);

/// <summary>Carers who register themselves or are referred, and the consultant who accepts or declines them.</summary>
public static class IntakeApi
{
    private const string NoIntake = "Deze aanmelding wacht niet (meer).";
    private const string ConsultantsOnly = "Alleen de mantelzorgconsulent ziet de aanmeldingen.";

    public static void MapKringIntakeApi(this RouteGroupBuilder api)
    {
        api.MapPost("/intake", Submit).AllowAnonymous().Doc("submitIntake", ApiTags.Circles, "Register a carer",
            "A carer registers themselves, or a neighbour or professional refers them (referrerName and referrerEmail). It waits " +
            "for the consultant; nobody else sees it. A receipt goes to the referrer, or else to the carer's e-mail address.");
        var intake = api.MapGroup("/intake").RequireAuthorization(Policies.Requester);
        intake.MapGet("", List).Doc("listIntake", ApiTags.Circles, "List the carers waiting for intake",
            "The registrations and referrals waiting for the consultant, oldest first.");
        intake.MapPost("/{intakeId}/accept", Accept).Doc("acceptIntake", ApiTags.Circles, "Accept a registration",
            "Registers the circle; a carer with an e-mail address gets an account, whose user name and one-time code go by mail.");
        intake.MapPost("/{intakeId}/decline", Decline).Doc("declineIntake", ApiTags.Circles, "Decline a registration",
            "Whoever sent it gets a mail, and the registration and its personal data go.");
    }

    private static async Task<Results<Accepted<IntakeReceived>, InvalidInputProblem, ConflictProblem>> Submit(
        IntakeInput? body, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var form = new IntakeDesk.Form(body?.Village, body?.CarerName,
            body?.CarerAge?.ToString(System.Globalization.CultureInfo.InvariantCulture), body?.CareRecipientName, body?.Relationship,
            body?.Needs, body?.Phone, body?.Address, body?.Email, body?.ReferrerName, body?.ReferrerEmail, body?.Note);
        return await IntakeDesk.Submit(grains, form, errors) switch
        {
            IntakeDesk.Refusal.Invalid => Problems.Validation(errors),
            IntakeDesk.Refusal.Full =>
                Problems.Conflict("Er wachten nu al veel aanmeldingen. Probeer het later nog eens.", "tooManyWaiting"),
            _ => TypedResults.Accepted((string?)null, new IntakeReceived(
                "Dank u wel. De mantelzorgconsulent neemt contact op; tot dan ziet niemand anders de aanmelding.")),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<IntakeResponse>>, ForbiddenProblem>> List(HttpContext http, IGrainFactory grains) =>
        await IntakeDesk.Waiting(grains, KringUser.Current(http)) is { } waiting
            ? TypedResults.Ok<IReadOnlyList<IntakeResponse>>(waiting.Select(ToDto).ToList())
            : Problems.Forbidden(ConsultantsOnly);

    private static async Task<Results<Created<IntakeAccepted>, ForbiddenProblem, NotFoundProblem>> Accept(
        string intakeId, HttpContext http, IGrainFactory grains, Accounts accounts, SecurityLog log)
    {
        var (refusal, circleId, userName) = await IntakeDesk.Accept(grains, accounts, log, http, KringUser.Current(http), intakeId);
        return refusal switch
        {
            IntakeDesk.Refusal.NotAllowed => Problems.Forbidden(ConsultantsOnly),
            IntakeDesk.Refusal.NoSuchIntake => Problems.NotFound(NoIntake),
            _ => TypedResults.Created($"/api/v1/circles/{circleId}", new IntakeAccepted(circleId!, userName)),
        };
    }

    private static async Task<Results<NoContent, ForbiddenProblem, NotFoundProblem>> Decline(
        string intakeId, HttpContext http, IGrainFactory grains) =>
        await IntakeDesk.Decline(grains, KringUser.Current(http), intakeId) switch
        {
            IntakeDesk.Refusal.NotAllowed => Problems.Forbidden(ConsultantsOnly),
            IntakeDesk.Refusal.NoSuchIntake => Problems.NotFound(NoIntake),
            _ => TypedResults.NoContent(),
        };

    private static IntakeResponse ToDto(CircleIntake i) =>
        new(i.Id, i.Profile.Village, i.Profile.CarerName, i.Profile.CarerAge, i.Profile.CareRecipientName, i.Profile.Relationship,
            i.Profile.CareNeeds, i.Profile.Phone, i.Profile.Address, i.Profile.Contact?.Email, i.ReferredBy, i.ReferrerEmail, i.Note,
            i.SubmittedAt);
}
