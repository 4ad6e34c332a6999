using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;

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
}
