using Microsoft.Playwright;

namespace Kring.Browser.Tests;

/// <summary>
/// The consultant links the demo casemanager to a circle; the casemanager sees it only once the carer consented, and asks
/// for help for the carer.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProfessionalTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_casemanager_sees_the_circle_after_the_carer_consents_and_asks_for_help()
    {
        var consultant = await browser.Phone();
        await Pages.SignIn(consultant, "consulent");
        await consultant.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Eigen kring", Exact = true }).ClickAsync();
        await consultant.GetByLabel("Kring (bijvoorbeeld c-0001)").FillAsync("c-demo");
        await consultant.GetByRole(AriaRole.Button, new() { Name = "Tonen" }).ClickAsync();
        await consultant.GetByLabel("Gebruikersnaam van de zorgprofessional").FillAsync("casemanager");
        await consultant.GetByRole(AriaRole.Button, new() { Name = "Koppelen" }).ClickAsync();
        await Assertions.Expect(consultant.GetByRole(AriaRole.Status)).ToContainTextAsync("Ans Zorgzaam");
        var told = await browser.Smtp.WaitFor("mantelzorger@example.org",
            m => (m.Subject ?? "").Contains("vraagt om mee te kijken", StringComparison.Ordinal), "the carer's mail about the link");
        Assert.Contains("/EigenKring", told.TextBody, StringComparison.Ordinal);

        var casemanager = await browser.Phone();
        await Pages.SignIn(casemanager, "casemanager");
        var header = casemanager.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" });
        await header.GetByRole(AriaRole.Link, new() { Name = "Mijn kringen", Exact = true }).ClickAsync();
        await Assertions.Expect(casemanager.GetByText("Nog geen kringen.")).ToBeVisibleAsync();

        var carer = await browser.Phone();
        await Pages.SignIn(carer, "mantelzorger");
        await carer.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Eigen kring", Exact = true }).ClickAsync();
        var card = carer.GetByRole(AriaRole.List, new() { Name = "Zorgprofessionals" })
            .Locator(".card", new() { HasText = "Ans Zorgzaam" });
        await Assertions.Expect(card).ToContainTextAsync("Wacht op toestemming");
        await card.GetByRole(AriaRole.Button, new() { Name = "Toestemming geven" }).ClickAsync();
        await Assertions.Expect(carer.GetByRole(AriaRole.Status)).ToContainTextAsync("U gaf toestemming");
        Assert.Empty(await Pages.SeriousViolations(carer));

        await casemanager.ReloadAsync();
        await Assertions.Expect(casemanager.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("Marij Proefmans");
        await Assertions.Expect(casemanager.GetByRole(AriaRole.Heading, new() { Name = "Agenda" })).ToBeVisibleAsync();
        var date = Kring.Testing.Journey.NextMonday(0).AddDays(21 + 4);
        await casemanager.GetByLabel("Vervangende zorg").CheckAsync();
        await casemanager.GetByLabel("Datum").FillAsync(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await casemanager.GetByLabel("Van", new() { Exact = true }).FillAsync("09:00");
        await casemanager.GetByLabel("Tot", new() { Exact = true }).FillAsync("11:00");
        await casemanager.GetByRole(AriaRole.Button, new() { Name = "Hulpvraag versturen" }).ClickAsync();
        await Assertions.Expect(casemanager.GetByRole(AriaRole.Status)).ToContainTextAsync("De hulpvraag is verstuurd");
        Assert.Empty(await Pages.SeriousViolations(casemanager));
        await Pages.Screenshot(casemanager, "zorgprofessional");

        await carer.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Hulpvragen", Exact = true }).ClickAsync();
        var dutchDate = date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("nl-NL"));
        await Assertions.Expect(carer.Locator(".card", new() { HasText = $"{dutchDate}, 09:00" })).ToBeVisibleAsync();
        await carer.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Eigen kring", Exact = true }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Toestemming intrekken" }).ClickAsync();
        await casemanager.ReloadAsync();
        await Assertions.Expect(casemanager.GetByText("Nog geen kringen.")).ToBeVisibleAsync();
    }
}
