using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace Kring.Browser.Tests;

public static class Pages
{
    public static async Task SignIn(IPage page, string userName, string password = "kring-demo")
    {
        await page.GotoAsync("/Inloggen");
        await page.GetByLabel("Gebruikersnaam").FillAsync(userName);
        await page.GetByLabel("Wachtwoord").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        // Polling the address and then the heading rather than waiting for the load event: under load Playwright has been
        // seen to report network idle on the new page and then wait for a load event it had already missed.
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/Inloggen", RegexOptions.IgnoreCase));
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
    }

    /// <summary>
    /// A new user's first visit: signs in with the activation code they were handed, is sent to choose a password, chooses
    /// <paramref name="newPassword"/> and lands on the home page.
    /// </summary>
    public static async Task Activate(IPage page, string userName, string code, string newPassword)
    {
        await page.GotoAsync("/Inloggen");
        await page.GetByLabel("Gebruikersnaam").FillAsync(userName);
        await page.GetByLabel("Wachtwoord").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Wachtwoord$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kies uw eigen wachtwoord" })).ToBeVisibleAsync();
        Xunit.Assert.Empty(await SeriousViolations(page));
        await page.GetByLabel("Activeringscode").FillAsync(code);
        await page.GetByLabel("Nieuw wachtwoord").FillAsync(newPassword);
        await page.GetByLabel("Herhaal het nieuwe wachtwoord").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Wachtwoord opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welkom bij Kring" })).ToBeVisibleAsync();
    }

    /// <summary>The activation code a page shows once, right after making it.</summary>
    public static async Task<string> ShownActivationCode(IPage page) =>
        (await page.Locator("[data-activation-code]").TextContentAsync())!.Trim();

    /// <summary>Follows the language link in the footer ("English" or "Nederlands"), as a user would.</summary>
    public static async Task SwitchTo(IPage page, string language)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = language == "en" ? "English" : "Nederlands", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
    }

    public static async Task Screenshot(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ArtefactDirectory, name + ".png"),
            FullPage = true
        });

    private static readonly string AxeSource = new BundledAxeScriptProvider().GetScript();

    /// <summary>
    /// Runs axe-core in the page and returns the serious and critical violations, described for a failure message. Axe
    /// runs in the page itself: the Playwright wrapper's cross-frame run opens a second page for every check, which cost
    /// seconds a page, and Kring's pages have no frames.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousViolations(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'")) await page.EvaluateAsync(AxeSource);
        return await page.EvaluateAsync<string[]>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${location.href}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map(n => n.html).join(' | ')}`);
            }
            """);
    }

    /// <summary>True when the page is wider than the viewport, which means sideways scrolling on a phone.</summary>
    public static Task<bool> ScrollsSideways(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
}
