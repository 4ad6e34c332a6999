using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kring.Web.Tests;

public sealed class DeploymentDefaultsTests
{
    [Fact]
    public async Task A_deployment_that_asks_for_nothing_has_the_municipality_but_no_demo_accounts()
    {
        await using var app = await KringApp.StartDeployed();
        var client = app.Client();

        foreach (var demo in new[] { "beheerder", "consulent", "vrijwilliger" })
        {
            var signIn = await client.PostAsJsonAsync("/api/v1/session", new { username = demo, password = "kring-demo" });
            Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        }
        var villages = await client.GetFromJsonAsync<JsonElement>("/api/v1/villages");
        Assert.Contains(villages.EnumerateArray(), v => v.GetProperty("id").GetString() == "elsloo");
    }

    [Fact]
    public async Task Outside_development_every_cookie_is_secure_and_https_requests_get_strict_transport_security()
    {
        await using var app = await KringApp.StartDeployed("--Kring:FirstOperator:UserName=eerste",
            "--Kring:FirstOperator:Password=Start-wachtwoord-voor-Stein");
        Assert.True(app.Services.GetRequiredService<IHostEnvironment>().IsProduction());
        var client = app.Client();

        var signIn = await client.PostAsJsonAsync("/api/v1/session", new { username = "eerste", password = "Start-wachtwoord-voor-Stein" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var page = await client.GetAsync("/Inloggen");
        var cookies = signIn.Headers.GetValues("Set-Cookie").Concat(page.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("kring=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));

        // Plain HTTP gets no HSTS header; HTTPS that the proxy (here loopback, trusted by default) took over does.
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        using var viaIngress = new HttpRequestMessage(HttpMethod.Get, "/Inloggen");
        viaIngress.Headers.Add("X-Forwarded-Proto", "https");
        var https = await client.SendAsync(viaIngress);
        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(https.Headers.GetValues("Strict-Transport-Security")));
    }
}
