using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class StaffAccountTests(SharedApp shared)
{
    private KringApp App => shared.App;

    [Fact]
    public async Task The_operator_signs_up_a_village_contact_who_sees_their_own_village_only()
    {
        var operatorClient = await App.SignedIn("beheerder");
        var userName = "dorp-urmond-" + Guid.NewGuid().ToString("N")[..6];
        var created = await operatorClient.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName, displayName = "Ria Ruijters", role = "villageContact", village = "urmond", password = "Maasoever-bij-Urmond",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var contact = await App.SignedIn(userName, "Maasoever-bij-Urmond");
        var me = await contact.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("VillageContact", me.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, (await contact.GetAsync("/api/v1/villages/urmond/overview")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await contact.GetAsync("/api/v1/villages/elsloo/overview")).StatusCode);

        var again = await operatorClient.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName, displayName = "Iemand anders", role = "operator", password = "Een-heel-ander-wachtwoord",
        });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("al in gebruik", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("userName")[0].GetString());
        // The existing account is untouched: its password still works.
        Assert.Equal(HttpStatusCode.OK, (await App.Client().PostAsJsonAsync("/api/v1/session", new { username = userName, password = "Maasoever-bij-Urmond" })).StatusCode);
    }

    [Fact]
    public async Task A_staff_account_needs_a_known_role_and_the_village_or_partner_that_goes_with_it()
    {
        var operatorClient = await App.SignedIn("beheerder");
        var contact = await operatorClient.PostAsJsonAsync("/api/v1/accounts", new { userName = "zonder-dorp", displayName = "Z", role = "villageContact", password = "Lange-zin-zonder-dorp" });
        Assert.True(Errors(await contact.Content.ReadFromJsonAsync<JsonElement>()).Contains("village"));
        var coordinator = await operatorClient.PostAsJsonAsync("/api/v1/accounts", new { userName = "zonder-org", displayName = "Z", role = "coordinator", partner = "bestaat-niet", password = "Lange-zin-zonder-org" });
        Assert.True(Errors(await coordinator.Content.ReadFromJsonAsync<JsonElement>()).Contains("partner"));
        var volunteer = await operatorClient.PostAsJsonAsync("/api/v1/accounts", new { userName = "geen-staf", displayName = "Z", role = "volunteer", password = "kort" });
        var errors = Errors(await volunteer.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Contains("role", errors);
        Assert.Contains("password", errors);
    }

    [Fact]
    public async Task A_new_deployment_without_demo_data_starts_with_the_configured_operator_only()
    {
        await using var app = await KringApp.Start(null, "--Kring:Demo=false", "--Kring:FirstOperator:UserName=Eerste-Beheerder",
            "--Kring:FirstOperator:Password=Start-wachtwoord-voor-Stein");
        var client = app.Client();
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await client.PostAsJsonAsync("/api/v1/session", new { username = "beheerder", password = "kring-demo" })).StatusCode);
        var operatorClient = await app.SignedIn("eerste-beheerder", "Start-wachtwoord-voor-Stein");
        Assert.Equal("Operator", (await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("role").GetString());
        var consultant = await operatorClient.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName = "consulent-stein", displayName = "Mieke Maas", role = "consultant", password = "Mantelzorg-in-Stein-2026",
        });
        Assert.Equal(HttpStatusCode.Created, consultant.StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await client.PostAsJsonAsync("/api/v1/session", new { username = "consulent-stein", password = "Mantelzorg-in-Stein-2026" })).StatusCode);
    }

    private static HashSet<string> Errors(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
}
