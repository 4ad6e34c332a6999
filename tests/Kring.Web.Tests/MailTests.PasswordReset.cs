using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kring.Web.Tests.Security;

namespace Kring.Web.Tests;

/// <summary>A forgotten password: a mailed link with a single-use code, and an answer that never says whether the account exists.</summary>
public sealed partial class MailTests
{
    [Fact]
    public async Task A_mailed_link_sets_a_new_password_once_ends_the_old_sessions_and_the_answer_reveals_no_account()
    {
        var (carerName, circleId) = await TestAccounts.NewCarerWithCircle(App, "reset");
        var carer = await App.SignedIn(carerName, TestAccounts.Password);
        var email = $"vergeten-{circleId}@example.org";
        var invited = await (await carer.PostAsJsonAsync("/api/v1/circles/mine/members",
            new { name = "Vera Vergeetachtig", email, relation = "friend" })).Content.ReadFromJsonAsync<JsonElement>();
        var userName = invited.GetProperty("userName").GetString()!;
        var oldSession = await App.Activate(userName, invited.GetProperty("activationCode").GetString()!, "het-oude-wachtwoord-1");

        var anonymous = App.Client();
        var asked = await anonymous.PostAsJsonAsync("/api/v1/password-reset", new { userName });
        var unknown = await anonymous.PostAsJsonAsync("/api/v1/password-reset", new { userName = "bestaat-niet-" + circleId });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(await asked.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        var blank = await anonymous.PostAsJsonAsync("/api/v1/password-reset", new { userName = " " });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);

        var mail = await Smtp.WaitFor(email, m => m.Subject == "Een nieuw wachtwoord voor Kring", "the password reset mail");
        var link = ResetLink().Match(Text(mail));
        Assert.True(link.Success, Text(mail));
        Assert.Equal(userName, Uri.UnescapeDataString(link.Groups["user"].Value));
        var code = Uri.UnescapeDataString(link.Groups["code"].Value);

        var wrong = await anonymous.PostAsJsonAsync("/api/v1/password-reset/confirm",
            new { userName, code = code[..^2] + "xx", newPassword = "een-nieuw-wachtwoord-2" });
        Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("code", out _));
        var weak = await anonymous.PostAsJsonAsync("/api/v1/password-reset/confirm", new { userName, code, newPassword = "kort" });
        Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("newPassword", out _));
        var reset = await anonymous.PostAsJsonAsync("/api/v1/password-reset/confirm",
            new { userName, code, newPassword = "een-nieuw-wachtwoord-2" });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await oldSession.GetAsync("/api/v1/me")).StatusCode);
        var withOld = await App.Client().PostAsJsonAsync("/api/v1/session",
            new { username = userName, password = "het-oude-wachtwoord-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, withOld.StatusCode);
        var signedIn = await App.SignedIn(userName, "een-nieuw-wachtwoord-2");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/v1/me")).StatusCode);
        var again = await anonymous.PostAsJsonAsync("/api/v1/password-reset/confirm",
            new { userName, code, newPassword = "nog-een-wachtwoord-3" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [GeneratedRegex(@"/WachtwoordHerstellen\?gebruiker=(?<user>[^&\s]+)&code=(?<code>[A-Za-z0-9_%-]+)")]
    private static partial Regex ResetLink();
}
