using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Kring.Testing;
using Microsoft.Playwright;

namespace Kring.Browser.Tests;

/// <summary>The header's sign-out button, clicked where a person finds it: on the page they happen to be on.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignOutTests(BrowserFixture browser)
{
    private const string Password = "een lang proefwachtwoord";

    [Theory]
    [InlineData("/Hulpvragen")]
    [InlineData("/Balans")]
    [InlineData("/SocialeKaart")]
    public async Task The_headers_sign_out_button_signs_the_user_out(string path)
    {
        // A carer account of its own: signing out ends every session of the account, and the demo accounts are shared.
        var userName = $"uit-{Guid.NewGuid():N}"[..20];
        var consultant = await browser.App.SignedIn("consulent");
        var created = await consultant.PostAsJsonAsync("/api/v1/circles/c-demo/accounts", new { userName });
        created.EnsureSuccessStatusCode();
        await browser.App.Activate(userName, await KringApp.ActivationCode(created), Password);

        var page = await browser.Phone();
        await Pages.SignIn(page, userName, Password);
        await page.GotoAsync(path);
        var header = page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" });
        await header.GetByRole(AriaRole.Button, new() { Name = $"Uitloggen ({userName})" }).ClickAsync();

        await Assertions.Expect(header.GetByRole(AriaRole.Link, new() { Name = "Inloggen", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(header.GetByRole(AriaRole.Button, new() { Name = $"Uitloggen ({userName})" })).ToHaveCountAsync(0);
        await page.GotoAsync("/Hulpvragen");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Inloggen", RegexOptions.IgnoreCase));
    }
}
