using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kring.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Kring.Web.Tests.Security.Who;

namespace Kring.Web.Tests.Security;

/// <summary>
/// Every API route against every role and an anonymous caller. The table is explicit: a route the application maps
/// without a row here fails the test, so nobody adds a route without deciding who may call it. A refused caller gets
/// 401 (anonymous) or 403 (signed in); an allowed caller gets anything else, and never a server error. The requests
/// are built so an allowed call changes nothing (an invalid body, an unknown id), except signing in and out.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class AuthorisationMatrixTests(SharedApp shared)
{
    private KringApp App => shared.App;

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
        Assert.Equal(9 + 8, villages.Count); // the other villages of Stein, and those of Ede
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
