using Kring.Web.Input;

namespace Kring.Web.Api;

/// <summary>Every API error is a ProblemDetails, with Dutch titles.</summary>
public static class Problems
{
    public static IResult Validation(FieldErrors errors) =>
        Results.ValidationProblem(errors.ToDictionary(), title: "De invoer is niet geldig.", detail: "Controleer de gemarkeerde velden.");

    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Niet gevonden.", detail: detail);

    /// <summary>The thing existed but was erased (AVG/GDPR): 410, so a client knows not to ask again.</summary>
    public static IResult Gone(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Gewist.", detail: detail);

    public static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Geen toegang.", detail: detail);

    public static IResult Conflict(string detail, string result) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Dat kan niet (meer).", detail: detail,
            extensions: new Dictionary<string, object?> { ["result"] = result });

    /// <summary>
    /// 429 for a client throttled after failed sign-ins for this user name. It says nothing about the password and comes
    /// alike for unknown, blocked and existing accounts.
    /// </summary>
    public static IResult TooManyAttempts(HttpContext http, TimeSpan wait)
    {
        http.Response.Headers.RetryAfter = Security.SecurityLog.Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Te veel pogingen.", detail: Security.SecurityLog.TooManyAttempts(wait));
    }

    public static string Explain(OfferReply reply) => reply switch
    {
        OfferReply.Accepted => "U heeft de hulpvraag aangenomen.",
        OfferReply.Declined => "U heeft de hulpvraag afgeslagen.",
        OfferReply.AlreadyAccepted => "U had deze hulpvraag al aangenomen.",
        OfferReply.AlreadyDeclined => "U had deze hulpvraag al afgeslagen.",
        OfferReply.TakenByOther => "Een andere vrijwilliger was u net voor.",
        OfferReply.Withdrawn => "Deze aanvraag is ingetrokken.",
        OfferReply.Expired => "Deze aanvraag is verlopen.",
        OfferReply.ScheduleConflict => "Dit overlapt met een andere afspraak in uw agenda.",
        OfferReply.RequestCancelled => "De hulpvraag is geannuleerd.",
        OfferReply.Unassigned => "De vrijwilliger is ontkoppeld.",
        OfferReply.AlreadyStarted => "Deze afspraak is al begonnen of voorbij.",
        OfferReply.NotEndedYet => "Deze afspraak is nog niet voorbij.",
        OfferReply.Completed => "Dank u! De afspraak is afgerond.",
        _ => "Deze aanvraag bestaat niet.",
    };
}
