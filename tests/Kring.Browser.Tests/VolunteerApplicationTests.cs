using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kring.Browser.Tests;

/// <summary>Someone signs up as a volunteer on their phone, the coordinator approves it, and the mail brings them in.</summary>
[Collection(AccessibilityCollection.Name)]
public sealed partial class VolunteerApplicationTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_visitor_signs_up_as_a_volunteer_the_coordinator_approves_and_the_mailed_code_lets_them_in()
    {
        var email = $"carla-{Guid.NewGuid():N}@example.org";
        var visitor = await browser.Phone();
        await visitor.GotoAsync("/");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Wilt u vrijwilliger worden? Meld u aan." }).ClickAsync();
        await visitor.GetByLabel("Organisatie").SelectOptionAsync(new SelectOptionValue { Label = "Partners in Welzijn (PIW)" });
        await visitor.GetByLabel("Naam").FillAsync("Carla Vrijwillig");
        await visitor.GetByLabel("E-mailadres").FillAsync(email);
        await visitor.GetByLabel("Woonplaats (dorp)").SelectOptionAsync(new SelectOptionValue { Label = "Urmond" });
        await visitor.GetByLabel("Maatje").CheckAsync();
        await visitor.GetByLabel("Wilt u nog iets kwijt").FillAsync("Ik heb een auto.");
        Assert.Empty(await Pages.SeriousViolations(visitor));
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Status)).ToContainTextAsync("Dank u wel!");
        await browser.Smtp.WaitFor(email, m => (m.Subject ?? "").StartsWith("Uw aanmelding bij", StringComparison.Ordinal), "the receipt");

        var coordinator = await browser.Phone();
        await Pages.SignIn(coordinator, "coordinator");
        await coordinator.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Coördinatie", Exact = true }).ClickAsync();
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Aanmeldingen van vrijwilligers" }).ClickAsync();
        var card = coordinator.GetByRole(AriaRole.List, new() { Name = "Aanmeldingen van vrijwilligers" })
            .Locator(".card", new() { HasText = "Carla Vrijwillig" });
        await Assertions.Expect(card).ToContainTextAsync("Ik heb een auto.");
        Assert.Empty(await Pages.SeriousViolations(coordinator));
        await card.GetByRole(AriaRole.Button, new() { Name = "Goedkeuren" }).ClickAsync();
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Status)).ToContainTextAsync("Carla Vrijwillig is vrijwilliger");

        var welcome = await browser.Smtp.WaitFor(email, m => (m.Subject ?? "").StartsWith("Welkom bij", StringComparison.Ordinal),
            "the mail with the way in");
        var userName = UserName().Match(welcome.TextBody!).Groups[1].Value;
        var code = Code().Match(welcome.TextBody!).Groups[1].Value;
        await Pages.Activate(visitor, userName, code, "carla-rijdt-graag-3");
        await visitor.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Beschikbaarheid", Exact = true }).ClickAsync();
        await Assertions.Expect(visitor).ToHaveURLAsync(new Regex("/Vrijwilliger/Beschikbaarheid$"));
    }

    [GeneratedRegex(@"gebruikersnaam: (\S+)")]
    private static partial Regex UserName();

    [GeneratedRegex(@"eenmalige code: (\S+)")]
    private static partial Regex Code();
}
