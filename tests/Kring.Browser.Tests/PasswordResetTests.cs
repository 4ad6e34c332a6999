using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kring.Browser.Tests;

/// <summary>A forgotten password on the phone: from the sign-in page to the mailed link and back in with a new password.</summary>
[Collection(AccessibilityCollection.Name)]
public sealed partial class PasswordResetTests(BrowserFixture browser)
{
    [Fact]
    public async Task Someone_who_forgot_their_password_asks_for_a_link_chooses_a_new_one_and_signs_in_with_it()
    {
        var email = $"nicht-{Guid.NewGuid():N}@example.org";
        var carerApi = await browser.App.SignedIn("mantelzorger");
        var invited = await (await carerApi.PostAsJsonAsync("/api/v1/circles/mine/members",
            new { name = "Noor Nicht", email, relation = "family" })).Content.ReadFromJsonAsync<JsonElement>();
        var userName = invited.GetProperty("userName").GetString()!;
        (await browser.App.Activate(userName, invited.GetProperty("activationCode").GetString()!, "vergeten-wachtwoord-1")).Dispose();

        var page = await browser.Phone();
        await page.GotoAsync("/Inloggen");
        await page.GetByRole(AriaRole.Link, new() { Name = "Wachtwoord vergeten?" }).ClickAsync();
        await page.GetByLabel("Gebruikersnaam").FillAsync(userName);
        Assert.Empty(await Pages.SeriousViolations(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Link mailen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De link werkt één uur en één keer.");

        var mail = await browser.Smtp.WaitFor(email, m => m.Subject == "Een nieuw wachtwoord voor Kring", "the password reset mail");
        await page.GotoAsync(ResetLink().Match(mail.TextBody!).Value);
        await Assertions.Expect(page.GetByText($"Voor het account {userName}.")).ToBeVisibleAsync();
        await page.GetByLabel("Nieuw wachtwoord").FillAsync("weer-binnen-in-kring-2");
        await page.GetByLabel("Herhaal het nieuwe wachtwoord").FillAsync("weer-binnen-in-kring-2");
        Assert.Empty(await Pages.SeriousViolations(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Wachtwoord opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Uw nieuwe wachtwoord is opgeslagen.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Inloggen met uw nieuwe wachtwoord" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Gebruikersnaam")).ToHaveValueAsync(userName);
        await page.GetByLabel("Wachtwoord", new() { Exact = true }).FillAsync("weer-binnen-in-kring-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Mijn kring", Exact = true })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"https?://\S+/WachtwoordHerstellen\?\S+")]
    private static partial Regex ResetLink();
}
