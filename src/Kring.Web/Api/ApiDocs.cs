using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Kring.Web.Api;

/// <summary>How the API's routes describe themselves in the OpenAPI document.</summary>
public static class ApiDocs
{
    /// <summary>The operation id, tag, one-line summary and longer description of a route.</summary>
    public static RouteHandlerBuilder Doc(this RouteHandlerBuilder route, string operationId, string tag, string summary,
        string description) =>
        route.WithName(operationId).WithTags(tag).WithSummary(summary).WithDescription(description);

    /// <summary>
    /// The answers a route can give besides its own: 401 and 403 from the authorisation middleware for routes behind a
    /// policy, 429 from the rate limiter for writes, 503 when the cluster does not answer and 500 for a fault, all as
    /// ProblemDetails. A finally convention, so it sees the policies the routes themselves add.
    /// </summary>
    public static TBuilder WithCommonProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            var statuses = new List<int>();
            if (RequiresSignIn(endpoint.Metadata)) statuses.AddRange([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]);
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods);
            if (methods.Any(m => !HttpMethods.IsGet(m))) statuses.Add(StatusCodes.Status429TooManyRequests);
            statuses.AddRange([StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable]);
            foreach (var status in statuses)
            {
                if (endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.StatusCode == status)) continue;
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ProblemResult.MediaType]));
            }
        });
        return builder;
    }

    public static bool RequiresSignIn(IEnumerable<object> metadata)
    {
        var list = metadata as IReadOnlyCollection<object> ?? metadata.ToList();
        return !list.OfType<IAllowAnonymous>().Any() && list.Any(m => m is IAuthorizeData or AuthorizationPolicy);
    }
}

/// <summary>The tags that group the API's operations, with the description each has in the document.</summary>
public static class ApiTags
{
    public const string Session = "Session";
    public const string Accounts = "Accounts";
    public const string Security = "Security";
    public const string Villages = "Villages";
    public const string Volunteers = "Volunteers";
    public const string Offers = "Offers";
    public const string Circles = "Circles";
    public const string Requests = "Requests";
    public const string OwnCircle = "OwnCircle";
    public const string Partners = "Partners";
    public const string Balance = "Balance";
    public const string Community = "Community";
    public const string Contact = "Contact";
    public const string ContactLog = "ContactLog";
    public const string Professionals = "Professionals";
    public const string Mail = "Mail";
    public const string Privacy = "Privacy";

    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        (Session, "Signing in and out, and the signed-in user."),
        (Accounts, "Accounts of staff and carers: creating, blocking, activation codes and passwords."),
        (Security, "The security event log, for operators."),
        (Villages, "Villages, their key figures, quiet circles and monthly reports."),
        (Volunteers, "The signed-in volunteer: availability, preferences, assignments and calendar."),
        (Offers, "Requests for help offered to a volunteer, to accept or decline."),
        (Circles, "Carer circles: registering them and reading them."),
        (Requests, "Requests for help in a circle: asking, cancelling and matching by hand."),
        (OwnCircle, "The carer's own people (family, neighbours, friends): inviting them, the circle's calendar, taking a request."),
        (Professionals,
            "Professionals around a carer (casemanager dementie, wijkverpleegkundige): linked by the consultant, with the " +
            "carer's consent."),
        (Partners, "Partner organisations, their coordinators' queue and volunteers."),
        (Balance, "Carers in balance: check-ins and the consultant's signals."),
        (Community, "The yearly appreciation round and the partners' rating of the village network."),
        (Contact, "How Kring reaches volunteers and carers, and what they share once matched."),
        (ContactLog, "Contacts with a carer logged by the village contact person or the consultant, and referrals to the consultant."),
        (Mail, "The outgoing mail, for operators."),
        (Privacy, "AVG/GDPR: access logs, exports of personal data, and erasure."),
    ];
}
