using Microsoft.Playwright;

namespace Kring.Browser.Tests;

/// <summary>A neighbour refers a carer on their phone, and the consultant accepts it from the intake list.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IntakeTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_neighbour_refers_a_carer_and_the_consultant_accepts_it_into_a_circle()
    {
        var neighbourEmail = $"joke-{Guid.NewGuid():N}@example.org";
        var carerName = $"Truus Test {Guid.NewGuid():N}"[..16];
        var neighbour = await browser.Phone();
        await neighbour.GotoAsync("/");
        await neighbour.GetByRole(AriaRole.Link, new() { Name = "Bent u mantelzorger, of kent u er een" }).ClickAsync();
        await neighbour.GetByLabel("Dorp").SelectOptionAsync(new SelectOptionValue { Label = "Meers" });
        await neighbour.GetByLabel("Naam", new() { Exact = true }).FillAsync(carerName);
        await neighbour.GetByLabel("Leeftijd (in jaren)").FillAsync("80");
        await neighbour.GetByLabel("Telefoonnummer").FillAsync("046-4339876");
        await neighbour.GetByLabel("Adres waar de hulp nodig is").FillAsync("Kerkstraat 4, Meers");
        await neighbour.GetByLabel("Naam van de naaste").FillAsync("Wim Test");
        await neighbour.GetByLabel("De naaste is voor de mantelzorger een").SelectOptionAsync("partner");
        await neighbour.GetByLabel("Uw naam, en wie u bent").FillAsync("Joke, buurvrouw");
        await neighbour.GetByLabel("Uw e-mailadres").FillAsync(neighbourEmail);
        Assert.Empty(await Pages.SeriousViolations(neighbour));
        await neighbour.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await Assertions.Expect(neighbour.GetByRole(AriaRole.Status)).ToContainTextAsync("Tot dan ziet niemand anders deze aanmelding.");
        await browser.Smtp.WaitFor(neighbourEmail, m => m.Subject == "Uw aanmelding bij de mantelzorgconsulent", "the receipt");

        var consultant = await browser.Phone();
        await Pages.SignIn(consultant, "consulent");
        await consultant.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Kringen", Exact = true }).ClickAsync();
        await consultant.GetByRole(AriaRole.Link, new() { Name = "Aanmeldingen van mantelzorgers" }).ClickAsync();
        var card = consultant.GetByRole(AriaRole.List, new() { Name = "Aanmeldingen van mantelzorgers" })
            .Locator(".card", new() { HasText = carerName });
        await Assertions.Expect(card).ToContainTextAsync("Aangemeld door Joke, buurvrouw");
        Assert.Empty(await Pages.SeriousViolations(consultant));
        await card.GetByRole(AriaRole.Button, new() { Name = "Aannemen" }).ClickAsync();
        await Assertions.Expect(consultant.GetByRole(AriaRole.Status)).ToContainTextAsync("De kring is aangemeld");
        await Assertions.Expect(consultant.GetByRole(AriaRole.List, new() { Name = "Aanmeldingen van mantelzorgers" })
            .Locator(".card", new() { HasText = carerName })).ToHaveCountAsync(0);
        await browser.Smtp.WaitFor(neighbourEmail, m => m.Subject == "Uw aanmelding is in behandeling", "the answer to the neighbour");
    }
}
