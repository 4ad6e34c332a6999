using Kring.Web.Input;
using Kring.Web.Privacy;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kring.Web.Api;

/// <summary>A contact with the carer (kind: call, visit, meeting, referral) as it was logged.</summary>
public sealed record ContactLogEntryResponse(
    string Id, string Kind, DateOnly Date, string Note, string By, string Source, DateTimeOffset LoggedAt);
/// <summary><c>date</c> (yyyy-MM-dd, Europe/Amsterdam) defaults to today.</summary>
public sealed record ContactLogInput(string? Kind, string? Note, DateOnly? Date);
public sealed record ReferralInput(string? Reason);
public sealed record KeyFigureVisibilityInput(bool? Visible);

/// <summary>The village contact person (and the consultant) log their contacts with a carer, and refer carers to the consultant.</summary>
public static class ContactLogApi
{
    private const string NoAccess = "U kunt de contacten van deze kring niet inzien of vastleggen.";

    public static void MapKringContactLogApi(this RouteGroupBuilder api)
    {
        var circle = api.MapGroup("/circles/{circleId}").RequireAuthorization(AuthSetup.Policies.Villages);
        circle.MapPost("/contacts", Log).Doc("logContact", ApiTags.ContactLog, "Log a contact with the carer",
            "The village contact person (for a circle in their village), a key figure (for a carer who agreed) or the consultant " +
            "logs a call, visit or meeting: the day (today if left out; not in the future, at most a year ago) and a short note. " +
            "The consultant reads it; the village counts it as the circle's last contact (*Lang niets van gehoord*).");
        circle.MapGet("/contacts", Contacts).Doc("listContacts", ApiTags.ContactLog, "List the contacts with the carer",
            "Every logged contact and referral, newest first, with who logged it.");
        api.MapPut("/circles/{circleId}/key-figures", KeyFigures).RequireAuthorization(p => p.RequireRole(nameof(Role.Carer)))
            .Doc("setKeyFigureVisibility", ApiTags.ContactLog, "Let the village's key figures see the carer",
                "The carer (own circle, also as mine) says whether the village's key figures (sleutelfiguren) see their name and " +
                "phone and may log contacts with them and refer them; off unless the carer turns it on.");
        circle.MapPost("/referrals", Refer).Doc("referCarer", ApiTags.ContactLog, "Refer the carer to the consultant",
            "The village contact person refers a carer of their village to the consultant, with a reason. It raises a signal on the " +
            "consultant's list, with the contact person as its source, and is logged as a contact.");
    }

    private static async Task<Results<Created<ContactLogEntryResponse>, ForbiddenProblem, NotFoundProblem, InvalidInputProblem>> Log(
        string circleId, ContactLogInput? body, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var outcome = await ContactDesk.Log(grains, KringUser.Current(http), circleId, body?.Kind, body?.Date, body?.Note, errors);
        return Answer(circleId, outcome, errors);
    }

    private static async Task<Results<Created<ContactLogEntryResponse>, ForbiddenProblem, NotFoundProblem, InvalidInputProblem>> Refer(
        string circleId, ReferralInput? body, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var outcome = await ContactDesk.Refer(grains, KringUser.Current(http), circleId, body?.Reason, errors);
        return Answer(circleId, outcome, errors);
    }

    private static Results<Created<ContactLogEntryResponse>, ForbiddenProblem, NotFoundProblem, InvalidInputProblem> Answer(
        string circleId, ContactDesk.Outcome outcome, FieldErrors errors) => outcome.Refusal switch
        {
            ContactDesk.Refusal.NotAllowed => Problems.Forbidden(NoAccess),
            ContactDesk.Refusal.NoSuchCircle => Problems.NotFound("Deze kring bestaat niet."),
            ContactDesk.Refusal.Invalid => Problems.Validation(errors),
            _ => TypedResults.Created($"/api/v1/circles/{circleId}/contacts", ToDto(outcome.Contact!)),
        };

    private static async Task<Results<Ok<IReadOnlyList<ContactLogEntryResponse>>, ForbiddenProblem, NotFoundProblem>> Contacts(
        string circleId, HttpContext http, IGrainFactory grains, AccessLog log)
    {
        var (refusal, _, contacts) = await ContactDesk.Read(grains, KringUser.Current(http), circleId);
        if (refusal == ContactDesk.Refusal.NotAllowed) return Problems.Forbidden(NoAccess);
        if (refusal == ContactDesk.Refusal.NoSuchCircle) return Problems.NotFound("Deze kring bestaat niet.");
        await log.Record(http, circleId, AccessKind.CircleViewed);
        return TypedResults.Ok<IReadOnlyList<ContactLogEntryResponse>>(contacts.Select(ToDto).ToList());
    }

    private static async Task<Results<NoContent, ForbiddenProblem, InvalidInputProblem>> KeyFigures(
        string circleId, KeyFigureVisibilityInput? body, HttpContext http, IGrainFactory grains)
    {
        var user = KringUser.Current(http);
        var id = KringApi.Resolve(circleId, user);
        if (id is null || id != user.CircleId) return Problems.Forbidden("Alleen de mantelzorger zelf kiest dit.");
        if (body?.Visible is not { } visible) return Problems.Validation(FieldErrors.One("visible", "Kies true of false."));
        await grains.GetGrain<ICarerCircleGrain>(id).SetVisibleToKeyFigures(visible);
        return TypedResults.NoContent();
    }

    public static ContactLogEntryResponse ToDto(CircleContact c) =>
        new(c.Id, ContactDesk.Code(c.Kind), c.Date, c.Note, c.By, c.Source, c.LoggedAt);
}
