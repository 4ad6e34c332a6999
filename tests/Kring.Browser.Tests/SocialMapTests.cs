using Microsoft.Playwright;

namespace Kring.Browser.Tests;

/// <summary>
/// The consultant updates a partner on the sociale kaart, and a visitor finds it by village and need, with its phone as a
/// link. Zorgnetwerk Elsloo is this test's own: no other browser test reads or changes it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SocialMapTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_consultant_updates_a_partner_and_a_visitor_finds_it_by_village_and_need()
    {
        var consultant = await browser.Phone();
        await Pages.SignIn(consultant, "consulent");
        await consultant.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Sociale kaart", Exact = true }).ClickAsync();
        await consultant.GetByRole(AriaRole.Link, new() { Name = "Gegevens bijwerken van Zorgnetwerk Elsloo" }).ClickAsync();
        await Assertions.Expect(consultant.GetByRole(AriaRole.Heading, new() { Name = "Zorgnetwerk Elsloo bijwerken" })).ToBeVisibleAsync();
        await consultant.GetByLabel("Openingstijden").FillAsync("elke eerste maandag van de maand, 19.30");
        await consultant.GetByLabel("Telefoonnummer").FillAsync("046-000 0888");
        await consultant.GetByLabel("Website").FillAsync("https://www.gemeentestein.nl");
        Assert.Empty(await Pages.SeriousViolations(consultant));
        await consultant.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(consultant.GetByRole(AriaRole.Status))
            .ToContainTextAsync("De gegevens van Zorgnetwerk Elsloo zijn bijgewerkt.");

        var visitor = await browser.Phone();
        await visitor.GotoAsync("/SocialeKaart");
        await visitor.GetByLabel("Dorp", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Elsloo" });
        await visitor.GetByLabel("Waar zoekt u hulp bij?").FillAsync("valpreventie");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Status)).ToContainTextAsync("1 organisatie gevonden.");
        var card = visitor.Locator(".card", new() { HasText = "Zorgnetwerk Elsloo" });
        await Assertions.Expect(card).ToContainTextAsync("elke eerste maandag van de maand, 19.30");
        await Assertions.Expect(card.GetByRole(AriaRole.Link, new() { Name = "046-000 0888" }))
            .ToHaveAttributeAsync("href", "tel:0460000888");
        await Assertions.Expect(card.GetByRole(AriaRole.Link, new() { Name = "www.gemeentestein.nl" }))
            .ToHaveAttributeAsync("href", "https://www.gemeentestein.nl/");
        Assert.Empty(await Pages.SeriousViolations(visitor));
        await Pages.Screenshot(visitor, "sociale-kaart-gezocht");
    }
}
