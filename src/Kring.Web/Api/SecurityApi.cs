using System.Globalization;
using Kring.Web.Input;
using Kring.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kring.Web.Api;

public sealed record SecurityEventResponse(
    long Id, DateTimeOffset At, string Kind, string? Actor, string? Client, string? Subject, string? Detail, bool NeedsAcknowledgement);

/// <summary>
/// The security event log for operators: read it newest first with filters, and acknowledge a new account with wide
/// rights (not the operator who made it). The page <c>/Beheer/Beveiliging</c> uses the same parsing and codes.
/// </summary>
public static class SecurityApi
{
    public const int DefaultLimit = 100;

    public static void MapKringSecurityApi(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/security-events").RequireAuthorization(AuthSetup.Policies.Operator);
        events.MapGet("", ReadEvents).Doc("listSecurityEvents", ApiTags.Security, "Read the security events",
            "Returns security events newest first, filtered by kind, user, from and to (a date yyyy-MM-dd or an ISO 8601 moment) " +
            "and limit (1 to 1000, 100 unless given).");
        events.MapPost("/{id}/acknowledge", AcknowledgeEvent).Doc("acknowledgeSecurityEvent", ApiTags.Security, "Acknowledge an event",
            "Confirms a new account with wide rights; an operator other than the one who created it must do this.");
    }

    private static async Task<Results<Ok<IEnumerable<SecurityEventResponse>>, InvalidInputProblem>> ReadEvents(
        string? kind, string? user, string? from, string? to, string? limit, SecurityLog log)
    {
        var errors = new FieldErrors();
        var query = Parse(kind, user, from, to, limit, errors);
        if (query is null) return Problems.Validation(errors);
        return TypedResults.Ok((await log.Grain.Read(query)).Select(ToDto));
    }

    private static async Task<Results<NoContent, NotFoundProblem, ConflictProblem>> AcknowledgeEvent(string id, HttpContext http,
        SecurityLog log)
    {
        const string NotOpen = "Deze melding staat niet open.";
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return Problems.NotFound(NotOpen);
        return await Acknowledge(log, http, number) switch
        {
            AcknowledgeOutcome.Done => TypedResults.NoContent(),
            AcknowledgeOutcome.ByCreator => Problems.Conflict("Een andere beheerder moet het account bevestigen dan wie het aanmaakte.",
                "byCreator"),
            _ => Problems.NotFound(NotOpen),
        };
    }

    public static Task<AcknowledgeOutcome> Acknowledge(SecurityLog log, HttpContext http, long id) =>
        log.Grain.Acknowledge(id, KringUser.From(http.User)!.UserName, SecurityLog.Address(http));

    /// <summary>The filter from text (query string or form); null with field errors when a part does not parse.</summary>
    public static SecurityEventQuery? Parse(string? kind, string? user, string? from, string? to, string? limit, FieldErrors errors)
    {
        SecurityEventKind? k = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (Kinds.FirstOrDefault(x => x.Code == kind.Trim()) is { Code: not null } found) k = found.Kind;
            else errors.Add("kind", "Onbekende soort gebeurtenis.");
        }
        var fromAt = Moment(from, "from", endOfDay: false, errors);
        var toAt = Moment(to, "to", endOfDay: true, errors);
        var n = DefaultLimit;
        if (!string.IsNullOrWhiteSpace(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture,
            out n) || n is < 1 or > 1000))
        {
            errors.Add("limit", "Vul 1 tot en met 1000 in.");
        }
        var who = string.IsNullOrWhiteSpace(user) ? null : user.Trim().ToLowerInvariant();
        if (who is { Length: > 100 }) errors.Add("user", "Een gebruikersnaam is hooguit 100 tekens.");
        return errors.Any ? null : new SecurityEventQuery(k, who, fromAt, toAt, n);
    }

    /// <summary>A date (yyyy-MM-dd, a whole day in Dutch time) or a moment in ISO 8601.</summary>
    private static DateTimeOffset? Moment(string? text, string field, bool endOfDay, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var local = day.ToDateTime(endOfDay ? TimeOnly.MaxValue : TimeOnly.MinValue);
            return new DateTimeOffset(local, Amsterdam.GetUtcOffset(local));
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        errors.Add(field, "Vul een datum in als 2026-11-30 of een tijdstip in ISO 8601.");
        return null;
    }

    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>The API's code of each kind, with its Dutch name for the page.</summary>
    public static readonly IReadOnlyList<(SecurityEventKind Kind, string Code, string Dutch)> Kinds =
    [
        (SecurityEventKind.SignInSucceeded, "signInSucceeded", "ingelogd"),
        (SecurityEventKind.SignInFailed, "signInFailed", "inloggen mislukt"),
        (SecurityEventKind.SignInThrottled, "signInThrottled", "poging geweigerd: afgeremd"),
        (SecurityEventKind.ThrottleStarted, "throttleStarted", "adres afgeremd"),
        (SecurityEventKind.ManyFailedSignIns, "manyFailedSignIns", "veel mislukte pogingen"),
        (SecurityEventKind.ThrottleLifted, "throttleLifted", "afremmen opgeheven"),
        (SecurityEventKind.AccountCreated, "accountCreated", "account aangemaakt"),
        (SecurityEventKind.AccountBlocked, "accountBlocked", "account geblokkeerd"),
        (SecurityEventKind.AccountUnblocked, "accountUnblocked", "account gedeblokkeerd"),
        (SecurityEventKind.PasswordChanged, "passwordChanged", "wachtwoord gewijzigd"),
        (SecurityEventKind.ActivationIssued, "activationIssued", "nieuwe activeringscode"),
        (SecurityEventKind.AccountActivated, "accountActivated", "account geactiveerd"),
        (SecurityEventKind.CircleErased, "circleErased", "kring gewist"),
        (SecurityEventKind.VolunteerErased, "volunteerErased", "vrijwilliger gewist"),
        (SecurityEventKind.MemberRemoved, "memberRemoved", "uit de eigen kring gehaald"),
        (SecurityEventKind.PasswordResetMailed, "passwordResetMailed", "link voor nieuw wachtwoord gemaild"),
        (SecurityEventKind.CircleExported, "circleExported", "gegevens van kring gedownload"),
        (SecurityEventKind.VolunteerExported, "volunteerExported", "gegevens van vrijwilliger gedownload"),
        (SecurityEventKind.Acknowledged, "acknowledged", "nieuw account bevestigd"),
    ];

    public static string Code(SecurityEventKind kind) => Kinds.FirstOrDefault(k => k.Kind == kind).Code ?? kind.ToString();

    public static string Dutch(SecurityEventKind kind) => Kinds.FirstOrDefault(k => k.Kind == kind).Dutch ?? kind.ToString();

    public static SecurityEventResponse ToDto(SecurityEvent e) =>
        new(e.Id, e.At, Code(e.Kind), e.Actor, e.Client, e.Subject, e.Detail, e.NeedsAcknowledgement);
}
