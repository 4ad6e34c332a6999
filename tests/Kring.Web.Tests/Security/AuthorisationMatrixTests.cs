using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kring.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
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
    SignedIn = Volunteer | Carer | Consultant | Contact | Operator | Coordinator,
    Everyone = SignedIn | Anonymous,
}

/// <summary>
/// Every API route against every role and an anonymous caller. The table is explicit: a route the application maps
/// without a row here fails the test, so nobody adds a route without deciding who may call it. A refused caller gets
/// 401 (anonymous) or 403 (signed in); an allowed caller gets anything else, and never a server error. The requests
/// are built so an allowed call changes nothing (an invalid body, an unknown id), except signing in and out.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AuthorisationMatrixTests(SharedApp shared)
{
    private KringApp App => shared.App;

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
        new("GET", "/api/v1/volunteers/me/assignments.ics", "/api/v1/volunteers/me/assignments.ics", null, Volunteer),
        new("GET", "/api/v1/volunteers/me/preferences", "/api/v1/volunteers/me/preferences", null, Volunteer),
        new("PUT", "/api/v1/volunteers/me/preferences", "/api/v1/volunteers/me/preferences", new { kinds = new[] { "taxi" } }, Volunteer),
        new("POST", "/api/v1/offers/{offerId}/accept", "/api/v1/offers/o-bestaat-niet/accept", null, Volunteer),
        new("POST", "/api/v1/offers/{offerId}/decline", "/api/v1/offers/o-bestaat-niet/decline", null, Volunteer),

        new("POST", "/api/v1/circles", "/api/v1/circles", new { village = "nergens" }, Consultant),
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
        (Operator, "beheerder"), (Coordinator, "coordinator"), (Anonymous, null),
    ];

    [Fact]
    public void Every_mapped_api_route_has_a_row_and_every_row_a_route()
    {
        var mapped = MappedApiRoutes();
        var inTable = Table.Select(r => r.Route).ToHashSet();
        var missing = mapped.Except(inTable).Order().ToList();
        var stale = inTable.Except(mapped).Order().ToList();
        Assert.True(missing.Count == 0, "Routes without a row in the authorisation matrix (decide who may call them):\n"
            + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "Rows for routes the application no longer maps:\n" + string.Join("\n", stale));
    }

    [Fact]
    public async Task Every_route_admits_exactly_the_roles_in_the_table()
    {
        var otherCircle = await CircleOutsideElsloo();
        var clients = new Dictionary<Who, HttpClient>();
        foreach (var (who, user) in Callers) clients[who] = user is null ? App.Client() : await App.SignedIn(user);

        var failures = new List<string>();
        var calls = 0;
        foreach (var row in Table)
        {
            foreach (var (who, _) in Callers)
            {
                var path = row.Path.Replace("{other-circle}", otherCircle);
                // The anonymous caller starts afresh each time: signing in must not leave it a cookie for the next row.
                var status = await Call(who == Anonymous ? App.Client() : clients[who], row.Method, path, row.Body);
                calls++;
                var allowed = row.Allowed.HasFlag(who);
                var expected = allowed ? "allowed" : who == Anonymous ? "401" : "403";
                var ok = allowed
                    ? status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)status < 500
                    : status == (who == Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden);
                if (!ok) failures.Add($"{row} as {who}: expected {expected}, got {(int)status}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls broke the matrix:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task A_session_from_an_activation_code_may_call_no_route_but_choosing_its_password()
    {
        var otherCircle = await CircleOutsideElsloo();
        var consultant = await App.SignedIn("consulent");
        var userName = "act-" + Guid.NewGuid().ToString("N")[..8];
        var code = await KringApp.ActivationCode(await consultant.PostAsJsonAsync($"/api/v1/circles/{Circle}/accounts", new { userName }));
        var activating = await App.SignedIn(userName, code);

        var failures = new List<string>();
        foreach (var row in Table.Where(r => r.Pattern != "/api/v1/session"))
        {
            var status = await Call(activating, row.Method, row.Path.Replace("{other-circle}", otherCircle), row.Body);
            var ok = row.Route == "PUT /api/v1/me/password" ? status == HttpStatusCode.BadRequest : status == HttpStatusCode.Forbidden;
            if (!ok) failures.Add($"{row}: got {(int)status}");
        }
        Assert.True(failures.Count == 0, "An activation session got further than choosing its password:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task A_village_contact_person_never_sees_another_villages_data()
    {
        var contact = await App.SignedIn("dorp-elsloo");
        var otherCircle = await CircleOutsideElsloo();
        Assert.Equal(HttpStatusCode.OK, (await contact.GetAsync("/api/v1/villages/elsloo/overview")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await contact.GetAsync($"/api/v1/circles/{Circle}")).StatusCode);

        var villages = (await App.Client().GetFromJsonAsync<JsonElement>("/api/v1/villages")).EnumerateArray()
            .Select(v => v.GetProperty("id").GetString()!).Where(v => v != "elsloo").ToList();
        Assert.Equal(9, villages.Count);
        foreach (var village in villages)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await contact.GetAsync($"/api/v1/villages/{village}/overview")).StatusCode);
        }
        var circle = await contact.GetAsync($"/api/v1/circles/{otherCircle}");
        Assert.Equal(HttpStatusCode.Forbidden, circle.StatusCode);
        Assert.DoesNotContain(otherCircle, await circle.Content.ReadAsStringAsync());
    }

    private static async Task<HttpStatusCode> Call(HttpClient client, string method, string path, object? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        // Headers only: the live stream never ends by itself.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        return response.StatusCode;
    }

    private HashSet<string> MappedApiRoutes()
    {
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api/", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} /{e.RoutePattern.RawText!.Trim('/')}"))
            .ToHashSet();
    }

    /// <summary>A demo circle in another village than Elsloo, as the consultant sees it.</summary>
    private async Task<string> CircleOutsideElsloo()
    {
        var consultant = await App.SignedIn("consulent");
        for (var i = 1; i <= 200; i++)
        {
            var id = $"c-{i:0000}";
            var circle = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/circles/{id}");
            if (circle.GetProperty("village").GetString() != "elsloo") return id;
        }
        throw new InvalidOperationException("No demo circle outside Elsloo among the first 200.");
    }
}
