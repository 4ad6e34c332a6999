using Kring.Web.Input;

namespace Kring.Web.Api;

/// <summary>Every API error is a ProblemDetails, with Dutch titles.</summary>
public static class Problems
{
    /// <summary>The Dutch title of each status Kring answers with, for the ProblemDetails written here and by ASP.NET Core.</summary>
    public static readonly IReadOnlyDictionary<int, string> Titles = new Dictionary<int, string>
    {
        [400] = "De aanvraag is niet geldig.",
        [401] = "U bent niet ingelogd.",
        [403] = "Geen toegang.",
        [404] = "Niet gevonden.",
        [405] = "Deze methode is hier niet toegestaan.",
        [409] = "Dat kan niet (meer).",
        [410] = "Gewist.",
        [413] = "De aanvraag is te groot.",
        [415] = "Dit type inhoud wordt niet ondersteund; stuur JSON.",
        [500] = "Er ging iets mis.",
        [503] = "Kring is even niet bereikbaar.",
    };

    /// <summary>The title of a 400 for fields that are filled in wrongly, by the API's own checks or a grain's.</summary>
    public const string InvalidInput = "De invoer is niet geldig.";

    public static InvalidInputProblem Validation(FieldErrors errors) =>
        new(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = InvalidInput,
            Detail = "Controleer de gemarkeerde velden.",
        });

    public static NotFoundProblem NotFound(string detail) => new(detail);

    public static ForbiddenProblem Forbidden(string detail) => new(detail);

    public static ConflictProblem Conflict(string detail, string result) => new(detail, result);

    /// <summary>
    /// 429 for a client throttled after failed sign-ins for this user name. It says nothing about the password and comes
    /// alike for unknown, blocked and existing accounts.
    /// </summary>
    public static TooManyAttemptsProblem TooManyAttempts(HttpContext http, TimeSpan wait)
    {
        http.Response.Headers.RetryAfter = Security.SecurityLog.Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new TooManyAttemptsProblem(Security.SecurityLog.TooManyAttempts(wait));
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
