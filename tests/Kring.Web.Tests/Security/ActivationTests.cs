using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kring.Web.Tests.Security;

/// <summary>
/// New accounts get a one-time activation code instead of a password someone else chose: the code signs in once, for
/// nothing but choosing the password, and not after 7 days; the operator or consultant can issue a new one.
/// </summary>
[Collection(SecondWebCollection.Name)]
public sealed partial class ActivationTests(SharedApp shared)
{
    private KringApp App => shared.App;
    private const string NewPassword = "Mijn eigen wachtwoord aan de Maas";

    [Fact]
    public async Task A_new_account_gets_an_activation_code_and_nobody_chooses_its_password()
    {
        var operatorClient = await App.SignedIn("beheerder");
        var userName = NewName("coord");
        var before = DateTimeOffset.UtcNow;
        // A password sent along, as clients did before, is no part of the contract: it is ignored.
        var created = await operatorClient.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName,
            displayName = "Cor Coördinator",
            role = "coordinator",
            partner = "piw",
            password = "Gekozen-door-de-beheerder",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var account = await created.Content.ReadFromJsonAsync<JsonElement>();
        var code = account.GetProperty("activationCode").GetString()!;
        Assert.Matches(CodeShape(), code);
        var expires = account.GetProperty("activationExpiresAt").GetDateTimeOffset();
        Assert.InRange(expires, before.AddDays(7).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(1));

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatus(userName, "Gekozen-door-de-beheerder"));
        // The list shows that the account waits for activation, never the code.
        var listed = (await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/accounts")).EnumerateArray()
            .Single(a => a.GetProperty("userName").GetString() == userName);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("activationCode").ValueKind);
        Assert.Equal(expires, listed.GetProperty("activationExpiresAt").GetDateTimeOffset());
        Assert.DoesNotContain(code, await operatorClient.GetStringAsync("/Beheer/Accounts"));
    }

    [Fact]
    public async Task The_code_signs_in_only_to_choose_a_password_after_which_the_code_is_spent()
    {
        var (userName, code) = await NewCoordinator();
        // Typed as a person might: lower case, without the dashes.
        var signIn = await App.Client().PostAsJsonAsync("/api/v1/session",
            new { username = userName, password = code.Replace("-", "").ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var session = await signIn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(session.GetProperty("mustChoosePassword").GetBoolean());
        var activating = App.Client();
        activating.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("token").GetString());

        foreach (var path in new[] { "/api/v1/partners/piw/queue", "/api/v1/me", "/api/v1/villages" })
        {
            var refused = await activating.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("Kies eerst een eigen wachtwoord.", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title")
                .GetString());
        }

        var chosen = await activating.PutAsJsonAsync("/api/v1/me/password", new { currentPassword = code, newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        var fresh = await chosen.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(fresh.GetProperty("mustChoosePassword").GetBoolean());
        var coordinator = App.Client();
        coordinator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fresh.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/api/v1/partners/piw/queue")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await activating.GetAsync("/api/v1/partners/piw/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatus(userName, code));
        Assert.Equal(HttpStatusCode.OK, await SignInStatus(userName, NewPassword));

        var beheerder = await App.SignedIn("beheerder");
        var events = await beheerder.GetFromJsonAsync<JsonElement>($"/api/v1/security-events?user={userName}");
        var kinds = events.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("accountCreated", kinds);
        Assert.Contains("accountActivated", kinds);
        Assert.DoesNotContain("passwordChanged", kinds);
    }

    [Fact]
    public async Task In_the_browser_the_code_leads_to_the_password_page_and_from_there_home()
    {
        var (userName, code) = await NewCoordinator();
        var browser = App.Client();
        var signIn = await Forms.Read(browser, "/Inloggen");
        var signedIn = await browser.PostAsync("/Inloggen", signIn.With(new() { ["UserName"] = userName, ["Password"] = code }));
        Assert.Equal("/Wachtwoord", signedIn.Headers.Location?.OriginalString);
        foreach (var page in new[] { "/", "/Coordinatie", "/Beheer" })
        {
            var response = await browser.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Wachtwoord", response.Headers.Location?.OriginalString);
        }

        var form = await Forms.Read(browser, "/Wachtwoord");
        var mismatch = await browser.PostAsync("/Wachtwoord", form.With(
            new() { ["CurrentPassword"] = code, ["NewPassword"] = NewPassword, ["RepeatPassword"] = "iets anders" }));
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        var chosen = await browser.PostAsync("/Wachtwoord", form.With(
            new() { ["CurrentPassword"] = code, ["NewPassword"] = NewPassword, ["RepeatPassword"] = NewPassword }));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/", chosen.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Coordinatie")).StatusCode);
    }

    [Fact]
    public async Task An_expired_code_is_refused_and_the_operator_issues_a_new_one()
    {
        var (userName, code) = await NewCoordinator();
        // Eight days later, as far as the account knows.
        var grain = App.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(userName);
        var account = (await grain.Get())!;
        await grain.Set(account with { ActivationExpiresAt = DateTimeOffset.UtcNow.AddDays(-1) });

        var refused = await App.Client().PostAsJsonAsync("/api/v1/session", new { username = userName, password = code });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("activeringscode is verlopen", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail")
            .GetString());
        var browser = App.Client();
        var form = await Forms.Read(browser, "/Inloggen");
        var page = await browser.PostAsync("/Inloggen", form.With(new() { ["UserName"] = userName, ["Password"] = code }));
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Contains("Deze activeringscode is verlopen; vraag een nieuwe aan", await page.Content.ReadAsStringAsync());
        // A wrong code says nothing about expiry.
        var wrong = await App.Client().PostAsJsonAsync("/api/v1/session", new { username = userName, password = "AAAA-BBBB-CCCC-DDDD" });
        Assert.DoesNotContain("verlopen", await wrong.Content.ReadAsStringAsync());

        var operatorClient = await App.SignedIn("beheerder");
        var issued = await operatorClient.PostAsync($"/api/v1/accounts/{userName}/activation", null);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var newCode = await KringApp.ActivationCode(issued);
        Assert.NotEqual(code, newCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatus(userName, code));
        var coordinator = await App.Activate(userName, newCode, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/api/v1/partners/piw/queue")).StatusCode);
        Assert.Contains((await operatorClient.GetFromJsonAsync<JsonElement>(
            $"/api/v1/security-events?kind=activationIssued&user={userName}")).EnumerateArray(),
            e => e.GetProperty("actor").GetString() == "beheerder");
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.PostAsync("/api/v1/accounts/niemand-hier/activation", null))
            .StatusCode);
    }

    [Fact]
    public async Task A_new_code_resets_an_activated_account_and_ends_its_sessions()
    {
        var consultant = await App.SignedIn("consulent");
        var userName = NewName("carer");
        var created = await consultant.PostAsJsonAsync("/api/v1/circles/c-0011/accounts", new { userName });
        var carer = await App.Activate(userName, await KringApp.ActivationCode(created), NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await carer.GetAsync("/api/v1/circles/mine")).StatusCode);

        // Only for an account of the circle named.
        Assert.Equal(HttpStatusCode.NotFound, (await consultant.PostAsync($"/api/v1/circles/c-0012/accounts/{userName}/activation", null))
            .StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await consultant.PostAsync("/api/v1/circles/c-0011/accounts/vrijwilliger/activation", null))
            .StatusCode);
        var reset = await consultant.PostAsync($"/api/v1/circles/c-0011/accounts/{userName}/activation", null);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await carer.GetAsync("/api/v1/circles/mine")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatus(userName, NewPassword));
        var again = await App.Activate(userName, await KringApp.ActivationCode(reset), "Weer een nieuw wachtwoord voor mij");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/circles/mine")).StatusCode);
    }

    private async Task<(string UserName, string Code)> NewCoordinator()
    {
        var operatorClient = await App.SignedIn("beheerder");
        var userName = NewName("coord");
        var created = await operatorClient.PostAsJsonAsync("/api/v1/accounts",
            new { userName, displayName = "Cor Coördinator", role = "coordinator", partner = "piw" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (userName, await KringApp.ActivationCode(created));
    }

    private async Task<HttpStatusCode> SignInStatus(string userName, string password) =>
        (await App.Client().PostAsJsonAsync("/api/v1/session", new { username = userName, password })).StatusCode;

    private static string NewName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [GeneratedRegex("^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$")]
    private static partial Regex CodeShape();
}
