using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests;

[Collection(SecondWebCollection.Name)]
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
            userName,
            displayName = "Ria Ruijters",
            role = "villageContact",
            village = "urmond",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var contact = await App.Activate(userName, await KringApp.ActivationCode(created), "Maasoever-bij-Urmond");
        var me = await contact.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("VillageContact", me.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, (await contact.GetAsync("/api/v1/villages/urmond/overview")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await contact.GetAsync("/api/v1/villages/elsloo/overview")).StatusCode);

        var again = await operatorClient.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName,
            displayName = "Iemand anders",
            role = "operator",
        });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("al in gebruik", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")
            .GetProperty("userName")[0].GetString());
        // The existing account is untouched: its own password still works.
        Assert.Equal(HttpStatusCode.OK, (await App.Client().PostAsJsonAsync("/api/v1/session",
            new { username = userName, password = "Maasoever-bij-Urmond" })).StatusCode);
    }

    [Fact]
    public async Task A_staff_account_needs_a_known_role_and_the_village_or_partner_that_goes_with_it()
    {
        var operatorClient = await App.SignedIn("beheerder");
        var contact = await operatorClient.PostAsJsonAsync("/api/v1/accounts",
            new { userName = "zonder-dorp", displayName = "Z", role = "villageContact" });
        Assert.Contains("village", Errors(await contact.Content.ReadFromJsonAsync<JsonElement>()));
        var coordinator = await operatorClient.PostAsJsonAsync("/api/v1/accounts",
            new { userName = "zonder-org", displayName = "Z", role = "coordinator", partner = "bestaat-niet" });
        Assert.Contains("partner", Errors(await coordinator.Content.ReadFromJsonAsync<JsonElement>()));
        var volunteer = await operatorClient.PostAsJsonAsync("/api/v1/accounts",
            new { userName = "geen-staf", displayName = "Z", role = "volunteer" });
        Assert.Equal(["role"], Errors(await volunteer.Content.ReadFromJsonAsync<JsonElement>()));
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
            userName = "consulent-stein",
            displayName = "Mieke Maas",
            role = "consultant",
        });
        Assert.Equal(HttpStatusCode.Created, consultant.StatusCode);
        await app.Activate("consulent-stein", await KringApp.ActivationCode(consultant), "Mantelzorg-in-Stein-2026");
        Assert.Equal(HttpStatusCode.OK,
            (await client.PostAsJsonAsync("/api/v1/session", new { username = "consulent-stein", password = "Mantelzorg-in-Stein-2026" }))
                .StatusCode);
    }

    [Fact]
    public async Task A_blocked_account_cannot_sign_in_its_sessions_end_and_unblocking_lets_it_back_in()
    {
        var operatorClient = await App.SignedIn("beheerder");
        var userName = "coord-" + Guid.NewGuid().ToString("N")[..8];
        const string password = "Coordinatie-bij-de-Zonnebloem";
        var created = await operatorClient.PostAsJsonAsync("/api/v1/accounts",
            new { userName, displayName = "Cor Coördinator", role = "coordinator", partner = "piw" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await App.Activate(userName, await KringApp.ActivationCode(created), password);
        var staff = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/accounts");
        var listed = staff.EnumerateArray().Single(a => a.GetProperty("userName").GetString() == userName);
        Assert.Equal(("coordinator", "piw", false), (listed.GetProperty("role").GetString(), listed.GetProperty("partner").GetString(),
            listed.GetProperty("blocked").GetBoolean()));
        var coordinator = await App.SignedIn(userName, password);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/api/v1/partners/piw/queue")).StatusCode);

        var blocked = await operatorClient.PostAsync($"/api/v1/accounts/{userName}/block", null);
        Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);
        Assert.True((await blocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("blocked").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await coordinator.GetAsync("/api/v1/partners/piw/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Client()
            .PostAsJsonAsync("/api/v1/session", new { username = userName, password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync($"/api/v1/accounts/{userName}/block", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync($"/api/v1/accounts/{userName}/unblock", null)).StatusCode);
        var back = await App.SignedIn(userName, password);
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/api/v1/partners/piw/queue")).StatusCode);
    }

    [Fact]
    public async Task The_operator_cannot_block_themselves_or_an_account_that_does_not_exist()
    {
        var operatorClient = await App.SignedIn("beheerder");
        var self = await operatorClient.PostAsync("/api/v1/accounts/beheerder/block", null);
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Contains("eigen account", (await self.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.PostAsync("/api/v1/accounts/niemand-hier/block", null)).StatusCode);
    }

    [Fact]
    public async Task The_consultant_gives_a_carer_an_account_for_their_own_circle()
    {
        var consultant = await App.SignedIn("consulent");
        var userName = "carer-" + Guid.NewGuid().ToString("N")[..8];
        const string password = "Mijn-moeder-en-ik-in-Stein";
        var circle = await consultant.GetFromJsonAsync<JsonElement>("/api/v1/circles/c-0007");
        var carerName = circle.GetProperty("carer").GetProperty("name").GetString();

        var created = await consultant.PostAsJsonAsync("/api/v1/circles/c-0007/accounts", new { userName });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var account = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("carer", "c-0007", carerName), (account.GetProperty("role").GetString(), account.GetProperty("circleId").GetString(),
            account.GetProperty("displayName").GetString()));
        var accounts = await consultant.GetFromJsonAsync<JsonElement>("/api/v1/circles/c-0007/accounts");
        Assert.Contains(accounts.EnumerateArray(), a => a.GetProperty("userName").GetString() == userName);

        var carer = await App.Activate(userName, account.GetProperty("activationCode").GetString()!, password);
        var mine = await carer.GetFromJsonAsync<JsonElement>("/api/v1/circles/mine");
        Assert.Equal("c-0007", mine.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await carer.GetAsync("/api/v1/circles/c-0001")).StatusCode);
        var log = await carer.GetFromJsonAsync<JsonElement>("/api/v1/circles/mine/access-log");
        Assert.Contains(log.EnumerateArray(), e => e.GetProperty("action").GetString() == "accountCreated" && e.GetProperty("userName")
            .GetString() == "consulent");

        var taken = await consultant.PostAsJsonAsync("/api/v1/circles/c-0008/accounts", new { userName });
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("userName", Errors(await taken.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(HttpStatusCode.NotFound, (await consultant.PostAsJsonAsync("/api/v1/circles/c-9999/accounts",
            new { userName = "iemand-nieuw" })).StatusCode);
    }

    private static HashSet<string> Errors(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
}
