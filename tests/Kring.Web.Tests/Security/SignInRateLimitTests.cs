using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests.Security;

/// <summary>
/// Sign-in attempts are rate limited per client address, on the API and the sign-in page together. An application of
/// its own, with the real default limit (10 a minute) and without the demo population (no account is needed to be
/// refused).
/// </summary>
public sealed class SignInRateLimitTests(RateLimitedApp fixture) : IClassFixture<RateLimitedApp>
{
    private static readonly int Limit = RateLimitedApp.Limit;
    private readonly KringApp _app = fixture.App;

    [Fact]
    public async Task The_eleventh_attempt_in_a_minute_gets_429_with_retry_after_in_dutch_and_other_addresses_are_not_affected()
    {
        var client = _app.Client();
        const string address = "198.51.100.7";
        var page = await Forms.Read(client, "/Inloggen");
        for (var i = 0; i < Limit; i++)
        {
            // API and page share the budget: half of the attempts go to each.
            var response = i % 2 == 0
                ? await client.SendAsync(SignIn(address))
                : await client.SendAsync(PageSignIn(address, page));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        foreach (var refused in new[] { await client.SendAsync(SignIn(address)), await client.SendAsync(PageSignIn(address, page)) })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
            var seconds = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
            Assert.InRange(seconds, 1, 60);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
            Assert.Equal("Te veel inlogpogingen.", problem.GetProperty("title").GetString());
            Assert.Contains("Probeer het over", problem.GetProperty("detail").GetString());
            Assert.Equal("nosniff", Assert.Single(refused.Headers.GetValues("X-Content-Type-Options")));
        }

        // Another client address (as the trusted local proxy reports it) still has its own budget ...
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(SignIn("198.51.100.8"))).StatusCode);
        // ... and nothing but signing in is limited for the refused one.
        using var villages = new HttpRequestMessage(HttpMethod.Get, "/api/v1/villages");
        villages.Headers.Add("X-Forwarded-For", address);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(villages)).StatusCode);
        using var form = new HttpRequestMessage(HttpMethod.Get, "/Inloggen");
        form.Headers.Add("X-Forwarded-For", address);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(form)).StatusCode);
    }

    [Fact]
    public async Task An_ipv6_client_is_counted_per_64_block()
    {
        var client = _app.Client();
        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(SignIn($"2001:db8:1:2::{i + 1:x}"))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(SignIn("2001:db8:1:2:ffff::1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(SignIn("2001:db8:1:3::1"))).StatusCode);
    }

    /// <summary>A user name of its own for each attempt, so the throttling per user name and client stays out of the way.</summary>
    private static string Nobody() => "niemand-" + Guid.NewGuid().ToString("N")[..8];

    private static HttpRequestMessage SignIn(string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/session")
        {
            Content = JsonContent.Create(
            new { username = Nobody(), password = "fout" })
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    private static HttpRequestMessage PageSignIn(string forwardedFor, Forms page)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/Inloggen")
        {
            Content = page.With(
            new Dictionary<string, string> { ["UserName"] = Nobody(), ["Password"] = "fout" })
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }
}

public sealed class RateLimitedApp : IAsyncLifetime
{
    /// <summary>The product's default, which the tests' other applications raise.</summary>
    public static readonly int Limit = new Kring.Web.Security.SignInLimitSettings().PermitLimit;

    public KringApp App { get; private set; } = default!;

    public async ValueTask InitializeAsync() =>
        App = await KringApp.Start(null, "--Kring:Demo=false", $"--Kring:Security:SignIn:PermitLimit={Limit}");

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(App.DataDirectory, recursive: true);
    }
}
