using static Kring.Web.Tests.Security.Who;

namespace Kring.Web.Tests.Security;

[Flags]
public enum Who
{
    Nobody = 0,
    Volunteer = 1,
    Carer = 2,
    Consultant = 4,
    Contact = 8,
    Operator = 16,
    Coordinator = 32,
    Anonymous = 64,
    /// <summary>One of the demo carer's own people.</summary>
    Member = 128,
    SignedIn = Volunteer | Carer | Consultant | Contact | Operator | Coordinator | Member,
    Everyone = SignedIn | Anonymous,
}

/// <summary>The matrix itself: every API route, who may call it, and the callers the tests sign in as.</summary>
public sealed partial class AuthorisationMatrixTests
{
    /// <summary>One route: the pattern as mapped, a concrete path and body to call it with, and who may.</summary>
    public sealed record Row(string Method, string Pattern, string Path, object? Body, Who Allowed, string? Why = null)
    {
        public string Route => $"{Method} {Pattern}";
        public override string ToString() => Why is null ? $"{Method} {Path}" : $"{Method} {Path} ({Why})";
    }

    private const string Circle = "c-demo"; // the demo carer's circle, in Elsloo
    private const string NoRequest = "r-bestaat-niet";
    private static readonly object Invalid = new { kind = "taxi" };

    /// <summary>The table. Placeholders {other-circle} and {other-village} are filled in with real data outside Elsloo.</summary>
    public static readonly Row[] Table =
    [
        new("POST", "/api/v1/session", "/api/v1/session", new { username = "vrijwilliger", password = "kring-demo" }, Everyone),
        new("GET", "/api/v1/me", "/api/v1/me", null, SignedIn),
        new("PUT", "/api/v1/me/password", "/api/v1/me/password", new { }, SignedIn, "an empty body: validation only"),
        new("POST", "/api/v1/accounts", "/api/v1/accounts", new { userName = "x" }, Operator, "an invalid body: validation only"),
        new("GET", "/api/v1/accounts", "/api/v1/accounts", null, Operator),
        new("POST", "/api/v1/accounts/{userName}/block", "/api/v1/accounts/niemand-hier/block", null, Operator, "an unknown account"),
        new("POST", "/api/v1/accounts/{userName}/unblock", "/api/v1/accounts/vrijwilliger/unblock", null, Operator,
            "an account that is not blocked"),
        new("POST", "/api/v1/accounts/{userName}/activation", "/api/v1/accounts/niemand-hier/activation", null, Operator,
            "an unknown account"),
        new("POST", "/api/v1/accounts/{userName}/unthrottle", "/api/v1/accounts/niemand-hier/unthrottle", null, Operator,
            "an unknown account"),
        new("GET", "/api/v1/security-events", "/api/v1/security-events?kind=signInFailed&limit=5", null, Operator),
        new("POST", "/api/v1/security-events/{id}/acknowledge", "/api/v1/security-events/999999999/acknowledge", null, Operator,
            "an event that is not open"),
        new("POST", "/api/v1/circles/{circleId}/accounts", $"/api/v1/circles/{Circle}/accounts", new { userName = "x" }, Consultant,
            "an invalid body: validation only"),
        new("GET", "/api/v1/circles/{circleId}/accounts", $"/api/v1/circles/{Circle}/accounts", null, Consultant),
        new("POST", "/api/v1/circles/{circleId}/accounts/{userName}/activation",
            $"/api/v1/circles/{Circle}/accounts/niemand-hier/activation", null, Consultant, "an unknown account"),
        new("GET", "/api/v1/openapi.json", "/api/v1/openapi.json", null, Everyone),
        new("GET", "/api/reference/{documentName?}", "/api/reference/", null, Operator, "the browsable API reference"),
        new("GET", "/api/reference/scalar.js", "/api/reference/scalar.js", null, Everyone, "Scalar's own files, the same for everyone"),
        new("GET", "/api/reference/scalar.aspnetcore.js", "/api/reference/scalar.aspnetcore.js", null, Everyone,
            "Scalar's own files, the same for everyone"),
        new("GET", "/api/reference/favicon.svg", "/api/reference/favicon.svg", null, Everyone, "Scalar's own files, the same for everyone"),
        new("GET", "/api/v1/villages", "/api/v1/villages", null, Everyone),
        new("GET", "/api/v1/partners", "/api/v1/partners", null, Everyone),
        new("GET", "/api/v1/checkins/questions", "/api/v1/checkins/questions", null, Everyone),

        new("GET", "/api/v1/villages/{villageId}/overview", "/api/v1/villages/elsloo/overview", null, Consultant | Contact | Operator),
        new("GET", "/api/v1/villages/{villageId}/overview", "/api/v1/villages/stein/overview", null, Consultant | Operator,
            "another village than the contact's"),
        new("GET", "/api/v1/villages/{villageId}/overview.csv", "/api/v1/villages/elsloo/overview.csv", null,
            Consultant | Contact | Operator),
        new("GET", "/api/v1/villages/{villageId}/overview.csv", "/api/v1/villages/stein/overview.csv", null, Consultant | Operator,
            "another village"),
        new("GET", "/api/v1/villages/{villageId}/overview/stream", "/api/v1/villages/elsloo/overview/stream", null,
            Consultant | Contact | Operator),
        new("GET", "/api/v1/villages/{villageId}/overview/stream", "/api/v1/villages/stein/overview/stream", null, Consultant | Operator,
            "another village"),
        new("GET", "/api/v1/villages/{villageId}/quiet", "/api/v1/villages/elsloo/quiet", null, Consultant | Contact | Operator),
        new("GET", "/api/v1/villages/{villageId}/quiet", "/api/v1/villages/stein/quiet", null, Consultant | Operator, "another village"),
        new("GET", "/api/v1/villages/{villageId}/report", "/api/v1/villages/elsloo/report?month=2027-03", null,
            Consultant | Contact | Operator),
        new("GET", "/api/v1/villages/{villageId}/report", "/api/v1/villages/stein/report?month=2027-03", null, Consultant | Operator,
            "another village"),
        new("GET", "/api/v1/signals", "/api/v1/signals", null, Consultant),
        new("GET", "/api/v1/network/questions", "/api/v1/network/questions", null, Everyone),
        new("GET", "/api/v1/villages/{villageId}/network-health", "/api/v1/villages/elsloo/network-health", null,
            Consultant | Contact | Operator),
        new("GET", "/api/v1/villages/{villageId}/network-health", "/api/v1/villages/stein/network-health", null, Consultant | Operator,
            "another village"),
        new("POST", "/api/v1/villages/{villageId}/network-ratings", "/api/v1/villages/elsloo/network-ratings", new { answers = new { } },
            Coordinator),
        new("GET", "/api/v1/appreciation/{year:int}", "/api/v1/appreciation/1999", null, Consultant,
            "a year out of range: validation only"),
        new("POST", "/api/v1/appreciation/{year:int}/{circleId}/received", $"/api/v1/appreciation/1999/{Circle}/received", null,
            Consultant),

        new("GET", "/api/v1/volunteers/me/availability", "/api/v1/volunteers/me/availability", null, Volunteer),
        new("PUT", "/api/v1/volunteers/me/availability", "/api/v1/volunteers/me/availability",
            new { weekly = new[] { new { day = "nooit" } } }, Volunteer),
        new("GET", "/api/v1/volunteers/me/offers", "/api/v1/volunteers/me/offers", null, Volunteer),
        new("GET", "/api/v1/volunteers/me/assignments", "/api/v1/volunteers/me/assignments", null, Volunteer),
        new("GET", "/api/v1/volunteers/me/assignments.ics", "/api/v1/volunteers/me/assignments.ics", null, Volunteer | Member),
        new("GET", "/api/v1/volunteers/me/preferences", "/api/v1/volunteers/me/preferences", null, Volunteer),
        new("PUT", "/api/v1/volunteers/me/preferences", "/api/v1/volunteers/me/preferences", new { kinds = new[] { "taxi" } }, Volunteer),
        new("POST", "/api/v1/offers/{offerId}/accept", "/api/v1/offers/o-bestaat-niet/accept", null, Volunteer),
        new("POST", "/api/v1/offers/{offerId}/decline", "/api/v1/offers/o-bestaat-niet/decline", null, Volunteer),

        new("POST", "/api/v1/circles", "/api/v1/circles", new { village = "nergens" }, Consultant),
        new("POST", "/api/v1/circles/{circleId}/members", $"/api/v1/circles/{Circle}/members", new { name = "" }, Carer | Consultant,
            "an invalid body: validation only"),
        new("POST", "/api/v1/circles/{circleId}/members", "/api/v1/circles/{other-circle}/members", new { name = "" }, Consultant,
            "another circle"),
        new("GET", "/api/v1/circles/{circleId}/members", $"/api/v1/circles/{Circle}/members", null, Carer | Consultant | Member),
        new("GET", "/api/v1/circles/{circleId}/members", "/api/v1/circles/{other-circle}/members", null, Consultant, "another circle"),
        new("GET", "/api/v1/circles/{circleId}/calendar", $"/api/v1/circles/{Circle}/calendar", null, Carer | Consultant | Member),
        new("GET", "/api/v1/circles/{circleId}/calendar", "/api/v1/circles/{other-circle}/calendar", null, Consultant, "another circle"),
        new("POST", "/api/v1/circles/{circleId}/requests/{requestId}/take", $"/api/v1/circles/{Circle}/requests/{NoRequest}/take", null,
            Member),
        new("POST", "/api/v1/circles/{circleId}/requests/{requestId}/take", $"/api/v1/circles/{{other-circle}}/requests/{NoRequest}/take",
            null, Nobody, "another circle's request"),
        new("POST", "/api/v1/circles/{circleId}/contacts", $"/api/v1/circles/{Circle}/contacts", new { kind = "brief" },
            Consultant | Contact, "an invalid body: validation only"),
        new("POST", "/api/v1/circles/{circleId}/contacts", "/api/v1/circles/{other-circle}/contacts", new { kind = "brief" },
            Consultant, "a circle in another village"),
        new("GET", "/api/v1/circles/{circleId}/contacts", $"/api/v1/circles/{Circle}/contacts", null, Consultant | Contact),
        new("GET", "/api/v1/circles/{circleId}/contacts", "/api/v1/circles/{other-circle}/contacts", null, Consultant,
            "a circle in another village"),
        new("POST", "/api/v1/circles/{circleId}/referrals", $"/api/v1/circles/{Circle}/referrals", new { reason = "" }, Contact,
            "an invalid body: validation only"),
        new("POST", "/api/v1/circles/{circleId}/referrals", "/api/v1/circles/{other-circle}/referrals", new { reason = "" }, Nobody,
            "a circle in another village"),
        new("GET", "/api/v1/circles/{circleId}", $"/api/v1/circles/{Circle}", null, Carer | Consultant | Contact),
        new("GET", "/api/v1/circles/{circleId}", "/api/v1/circles/{other-circle}", null, Consultant, "a circle in another village"),
        new("POST", "/api/v1/circles/{circleId}/requests", $"/api/v1/circles/{Circle}/requests", Invalid, Carer | Consultant),
        new("POST", "/api/v1/circles/{circleId}/requests", "/api/v1/circles/{other-circle}/requests", Invalid, Consultant,
            "another carer's circle"),
        new("GET", "/api/v1/circles/{circleId}/requests/{requestId}", $"/api/v1/circles/{Circle}/requests/{NoRequest}", null,
            Carer | Consultant | Contact),
        new("GET", "/api/v1/circles/{circleId}/requests/{requestId}", $"/api/v1/circles/{{other-circle}}/requests/{NoRequest}", null,
            Consultant, "another village"),
        new("POST", "/api/v1/circles/{circleId}/requests/{requestId}/cancel", $"/api/v1/circles/{Circle}/requests/{NoRequest}/cancel",
            null, Carer | Consultant),
        new("POST", "/api/v1/circles/{circleId}/requests/{requestId}/assign", $"/api/v1/circles/{Circle}/requests/{NoRequest}/assign",
            new { }, Coordinator),
        new("POST", "/api/v1/circles/{circleId}/requests/{requestId}/unassign", $"/api/v1/circles/{Circle}/requests/{NoRequest}/unassign",
            new { reason = "proef" }, Coordinator),
        new("POST", "/api/v1/circles/{circleId}/checkins", $"/api/v1/circles/{Circle}/checkins", new { answers = new { } },
            Carer | Consultant),
        new("POST", "/api/v1/circles/{circleId}/checkins", "/api/v1/circles/{other-circle}/checkins", new { answers = new { } },
            Consultant, "another carer's circle"),

        new("GET", "/api/v1/circles/{circleId}/access-log", $"/api/v1/circles/{Circle}/access-log", null, Carer | Consultant | Operator),
        new("GET", "/api/v1/circles/{circleId}/access-log", "/api/v1/circles/{other-circle}/access-log", null, Consultant | Operator,
            "another carer's circle"),
        new("GET", "/api/v1/circles/{circleId}/export", $"/api/v1/circles/{Circle}/export", null, Carer | Consultant),
        new("GET", "/api/v1/circles/{circleId}/export", "/api/v1/circles/{other-circle}/export", null, Consultant,
            "another carer's circle"),
        new("DELETE", "/api/v1/circles/{circleId}", "/api/v1/circles/c-bestaat-niet", null, Consultant,
            "an unknown circle: nothing to erase"),
        new("GET", "/api/v1/volunteers/me/export", "/api/v1/volunteers/me/export", null, Volunteer),
        new("DELETE", "/api/v1/volunteers/me", "/api/v1/volunteers/me", null, Volunteer, "without the password: validation only"),
        new("DELETE", "/api/v1/volunteers/{volunteerId}", "/api/v1/volunteers/v-bestaat-niet", null, Operator | Coordinator,
            "an unknown volunteer"),

        new("GET", "/api/v1/partners/{partnerId}/queue", "/api/v1/partners/piw/queue", null, Coordinator),
        new("GET", "/api/v1/partners/{partnerId}/queue", "/api/v1/partners/de-brug/queue", null, Nobody, "another partner's queue"),
        new("GET", "/api/v1/partners/{partnerId}/volunteers", "/api/v1/partners/piw/volunteers", null, Coordinator),
        new("GET", "/api/v1/partners/{partnerId}/volunteers", "/api/v1/partners/de-brug/volunteers", null, Nobody,
            "another partner's volunteers"),
        new("POST", "/api/v1/partners/{partnerId}/volunteers", "/api/v1/partners/piw/volunteers", new { userName = "x" }, Coordinator,
            "an invalid body: validation only"),
        new("POST", "/api/v1/partners/{partnerId}/volunteers", "/api/v1/partners/de-brug/volunteers", new { userName = "x" }, Nobody,
            "signing up another partner's volunteer"),

        new("POST", "/api/v1/volunteers/me/assignments/{requestId}/withdraw", $"/api/v1/volunteers/me/assignments/{NoRequest}/withdraw",
            new { reason = "ziek" }, Volunteer),
        new("POST", "/api/v1/volunteers/me/assignments/{requestId}/complete", $"/api/v1/volunteers/me/assignments/{NoRequest}/complete",
            new { hours = 1 }, Volunteer),
        new("GET", "/api/v1/volunteers/me/offers/live", "/api/v1/volunteers/me/offers/live", null, Volunteer),
        new("GET", "/api/v1/mail/outbox", "/api/v1/mail/outbox", null, Operator),
        new("POST", "/api/v1/mail/retry", "/api/v1/mail/retry", new { id = "nothing/parked" }, Operator, "an unknown id: 404"),
        new("GET", "/api/v1/volunteers/me/contact", "/api/v1/volunteers/me/contact", null, Volunteer),
        new("PUT", "/api/v1/volunteers/me/contact", "/api/v1/volunteers/me/contact", new { email = "geen adres" }, Volunteer,
            "an invalid body: validation only"),
        new("GET", "/api/v1/circles/{circleId}/contact", $"/api/v1/circles/{Circle}/contact", null, Carer | Consultant),
        new("GET", "/api/v1/circles/{circleId}/contact", "/api/v1/circles/{other-circle}/contact", null, Consultant,
            "another carer's circle"),
        new("PUT", "/api/v1/circles/{circleId}/contact", $"/api/v1/circles/{Circle}/contact", new { email = "geen adres" },
            Carer | Consultant, "an invalid body: validation only"),

        // Last: signing out ends every session of the account, so it runs after everything else.
        new("DELETE", "/api/v1/session", "/api/v1/session", null, Everyone),
    ];

    private static readonly (Who Who, string? User)[] Callers =
    [
        (Volunteer, "vrijwilliger"), (Carer, "mantelzorger"), (Consultant, "consulent"), (Contact, "dorp-elsloo"),
        (Operator, "beheerder"), (Coordinator, "coordinator"), (Member, "familie"), (Anonymous, null),
    ];
}
