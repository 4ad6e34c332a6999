using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests.Security;

/// <summary>The security event log as operators read it, and new accounts with wide rights that another operator acknowledges.</summary>
[Collection(SecondWebCollection.Name)]
public sealed class SecurityEventTests(SharedApp shared)
{
    private KringApp App => shared.App;

    [Fact]
    public async Task An_operator_sees_failed_sign_ins_and_new_accounts_newest_first()
    {
        var user = await TestAccounts.NewCarer(App);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/v1/session")
        {
            Content = JsonContent.Create(
            new { username = user, password = "fout" })
        };
        wrong.Headers.Add("X-Forwarded-For", "192.0.2.77");
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Client().SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.Client().PostAsJsonAsync("/api/v1/session",
            new { username = user, password = TestAccounts.Password })).StatusCode);

        var operatorClient = await App.SignedIn("beheerder");
        var events = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/v1/security-events?user={user}");
        var list = events.EnumerateArray().ToList();
        Assert.Equal(["signInSucceeded", "signInFailed"], list.Select(e => e.GetProperty("kind").GetString()!).ToList());
        var failed = list[1];
        Assert.Equal(("192.0.2.77", user, user, "wrongPassword"),
            (failed.GetProperty("client").GetString(), failed.GetProperty("actor").GetString(), failed.GetProperty("subject").GetString(),
                failed.GetProperty("detail").GetString()));
        Assert.True(list[0].GetProperty("at").GetDateTimeOffset() >= failed.GetProperty("at").GetDateTimeOffset());
        var onlyFailed = await operatorClient.GetFromJsonAsync<JsonElement>(
            $"/api/v1/security-events?user={user}&kind=signInFailed&limit=10");
        Assert.Single(onlyFailed.EnumerateArray());

        var consultant = await NewStaff(operatorClient, "consultant");
        var created = Assert.Single((await operatorClient.GetFromJsonAsync<JsonElement>(
            $"/api/v1/security-events?kind=accountCreated&user={consultant}")).EnumerateArray());
        Assert.Equal(("beheerder", "consultant", true),
            (created.GetProperty("actor").GetString(), created.GetProperty("detail").GetString(),
                created.GetProperty("needsAcknowledgement").GetBoolean()));

        var bad = await operatorClient.GetAsync("/api/v1/security-events?kind=iets&from=gisteren&limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _) && errors.TryGetProperty("from", out _) && errors.TryGetProperty("limit", out _));
        var future = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/v1/security-events?user={user}&from=2999-01-01");
        Assert.Empty(future.EnumerateArray());

        // The page shows the same, with the filters as a GET form.
        var page = await operatorClient.GetAsync($"/Beheer/Beveiliging?user={user}&kind=signInFailed");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("inloggen mislukt", html);
        Assert.Contains("192.0.2.77", html);
        Assert.DoesNotContain("<td>ingelogd</td>", html);
        Assert.Contains("<td>inloggen mislukt</td>", html);
        Assert.Contains("/Beheer/Beveiliging", await operatorClient.GetStringAsync("/Beheer"));
    }

    [Fact]
    public async Task A_new_consultant_waits_on_the_operators_page_until_another_operator_acknowledges_it()
    {
        var beheerder = await App.SignedIn("beheerder");
        var secondOperator = await NewStaff(beheerder, "operator");
        var consultant = await NewStaff(beheerder, "consultant");
        var id = (await beheerder.GetFromJsonAsync<JsonElement>($"/api/v1/security-events?kind=accountCreated&user={consultant}"))
            .EnumerateArray().Single().GetProperty("id").GetInt64();

        var page = await beheerder.GetStringAsync("/Beheer");
        Assert.Contains("nieuw account met ruime rechten, nog niet bevestigd", page);
        Assert.Contains(consultant, page);

        // Not by the operator who made it, nor by an unknown id.
        var byCreator = await beheerder.PostAsync($"/api/v1/security-events/{id}/acknowledge", null);
        Assert.Equal(HttpStatusCode.Conflict, byCreator.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await beheerder.PostAsync("/api/v1/security-events/abc/acknowledge", null)).StatusCode);

        var other = await App.SignedIn(secondOperator, StaffPassword);
        // The new operator cannot acknowledge their own account either.
        var ownId = (await other.GetFromJsonAsync<JsonElement>($"/api/v1/security-events?kind=accountCreated&user={secondOperator}"))
            .EnumerateArray().Single().GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Conflict, (await other.PostAsync($"/api/v1/security-events/{ownId}/acknowledge", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await other.PostAsync($"/api/v1/security-events/{id}/acknowledge", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/security-events/{id}/acknowledge", null)).StatusCode);
        Assert.DoesNotContain(consultant, await beheerder.GetStringAsync("/Beheer"));
        var acknowledged = (await beheerder.GetFromJsonAsync<JsonElement>($"/api/v1/security-events?kind=acknowledged&user={consultant}"))
            .EnumerateArray().Single();
        Assert.Equal((secondOperator, $"#{id}"), (acknowledged.GetProperty("actor").GetString(), acknowledged.GetProperty("detail")
            .GetString()));

        // A village contact person's new account needs no acknowledgement.
        var contact = await NewStaff(beheerder, "villageContact");
        Assert.DoesNotContain(contact, await beheerder.GetStringAsync("/Beheer"));
    }

    [Fact]
    public async Task Blocking_a_password_change_an_export_and_the_pages_buttons_are_recorded()
    {
        var user = await TestAccounts.NewCarer(App);
        var beheerder = await App.SignedIn("beheerder");
        Assert.Equal(HttpStatusCode.OK, (await beheerder.PostAsync($"/api/v1/accounts/{user}/block", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await beheerder.PostAsync($"/api/v1/accounts/{user}/unblock", null)).StatusCode);
        var carer = await App.SignedIn(user, TestAccounts.Password);
        const string newPassword = "lange winteravond aan de Maas";
        Assert.Equal(HttpStatusCode.OK, (await carer.PutAsJsonAsync("/api/v1/me/password",
            new { currentPassword = TestAccounts.Password, newPassword })).StatusCode);
        var consulent = await App.SignedIn("consulent");
        Assert.Equal(HttpStatusCode.OK, (await consulent.GetAsync("/api/v1/circles/c-demo/export")).StatusCode);

        // The operator's browser lifts a throttle on Beheer > Accounts.
        for (var i = 0; i < 3; i++) await App.Client().PostAsJsonAsync("/api/v1/session", new { username = user, password = "fout" });
        var browser = App.Client();
        var signIn = await Forms.Read(browser, "/Inloggen");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/Inloggen",
            signIn.With(new() { ["UserName"] = "beheerder", ["Password"] = "kring-demo" }))).StatusCode);
        var accountsPage = await Forms.ReadForm(browser, "/Beheer/Accounts", "/Beheer/Accounts?handler=Unthrottle");
        var lifted = await browser.PostAsync("/Beheer/Accounts?handler=Unthrottle", accountsPage.With(new() { ["account"] = user }));
        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.Client().PostAsJsonAsync("/api/v1/session",
            new { username = user, password = newPassword })).StatusCode);

        var kinds = (await beheerder.GetFromJsonAsync<JsonElement>($"/api/v1/security-events?user={user}&limit=50")).EnumerateArray()
            .Select(e => e.GetProperty("kind").GetString()).ToList();
        foreach (var kind in new[] { "accountBlocked", "accountUnblocked", "passwordChanged", "throttleStarted", "throttleLifted",
            "signInSucceeded" })
        {
            Assert.Contains(kind, kinds);
        }
        var export = (await beheerder.GetFromJsonAsync<JsonElement>("/api/v1/security-events?kind=circleExported&user=c-demo&limit=1"))
            .EnumerateArray().Single();
        Assert.Equal("consulent", export.GetProperty("actor").GetString());
    }

    private const string StaffPassword = "een lang proefwachtwoord voor staf";

    private async Task<string> NewStaff(HttpClient operatorClient, string role)
    {
        var userName = ("t" + Guid.NewGuid().ToString("N"))[..16];
        var response = await operatorClient.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName,
            displayName = "Proef Staf",
            role,
            village = role == "villageContact" ? "elsloo" : null,
            partner = (string?)null,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await App.Activate(userName, await KringApp.ActivationCode(response), StaffPassword);
        return userName;
    }
}
