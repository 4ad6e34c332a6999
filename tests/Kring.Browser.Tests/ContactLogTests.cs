using Microsoft.Playwright;

namespace Kring.Browser.Tests;

/// <summary>
/// The village contact person logs a call with a carer and refers them; the consultant finds the referral in the signals.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContactLogTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_village_contact_logs_a_call_and_refers_the_carer_and_the_consultant_sees_who_referred()
    {
        var reason = $"Wil graag praten over vervangende zorg ({Guid.NewGuid().ToString("N")[..6]}).";
        var contact = await browser.Phone();
        await Pages.SignIn(contact, "dorp-elsloo");
        await contact.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Dorp", Exact = true }).ClickAsync();
        await contact.GetByText("Mantelzorgers (").ClickAsync();
        await contact.GetByRole(AriaRole.Row).Filter(new() { HasText = "c-demo" }).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(contact.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Contact met Marij");

        await contact.GetByLabel("Hoe", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "telefoongesprek" });
        await contact.GetByLabel("Wat is er besproken?").FillAsync("Gebeld: de nachten zijn zwaar.");
        await contact.GetByRole(AriaRole.Button, new() { Name = "Vastleggen" }).ClickAsync();
        await Assertions.Expect(contact.GetByRole(AriaRole.Status)).ToHaveTextAsync("Het contact is vastgelegd.");
        await Assertions.Expect(contact.GetByRole(AriaRole.List, new() { Name = "Eerdere contacten" }))
            .ToContainTextAsync("Gebeld: de nachten zijn zwaar.");

        await contact.GetByLabel("Waarom?").FillAsync(reason);
        await contact.GetByRole(AriaRole.Button, new() { Name = "Doorverwijzen naar de mantelzorgconsulent" }).ClickAsync();
        await Assertions.Expect(contact.GetByRole(AriaRole.Status)).ToContainTextAsync("ziet de doorverwijzing");
        var day = Kring.Testing.Journey.NextMonday(0).AddDays(28 + 3);
        await contact.GetByLabel("Vervangende zorg").CheckAsync();
        await contact.GetByLabel("Op welke dag?").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await contact.GetByLabel("Van", new() { Exact = true }).FillAsync("13:00");
        await contact.GetByLabel("Tot", new() { Exact = true }).FillAsync("16:00");
        await contact.GetByLabel("Hoe gaf de mantelzorger toestemming?").FillAsync("Aan de telefoon, ze wil graag een middag vrij.");
        await contact.GetByRole(AriaRole.Button, new() { Name = "Hulpvraag versturen" }).ClickAsync();
        await Assertions.Expect(contact.GetByRole(AriaRole.Status))
            .ToHaveTextAsync("De hulpvraag is verstuurd, en de toestemming is vastgelegd.");
        await Assertions.Expect(contact.GetByRole(AriaRole.List, new() { Name = "Eerdere contacten" }))
            .ToContainTextAsync("hulp gevraagd namens de mantelzorger");
        Assert.Empty(await Pages.SeriousViolations(contact));
        await Pages.Screenshot(contact, "dorp-contact");

        var consultant = await browser.Phone();
        await Pages.SignIn(consultant, "consulent");
        await consultant.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Signalen", Exact = true }).ClickAsync();
        var card = consultant.Locator(".card", new() { HasText = reason });
        await Assertions.Expect(card).ToContainTextAsync("Doorverwezen door Daan Fictief");
        await Assertions.Expect(card).ToContainTextAsync("dorpscontactpersoon");
        Assert.Empty(await Pages.SeriousViolations(consultant));

        await card.GetByRole(AriaRole.Link, new() { Name = "Contacten" }).ClickAsync();
        await Assertions.Expect(consultant.GetByRole(AriaRole.List, new() { Name = "Eerdere contacten" }))
            .ToContainTextAsync("Gebeld: de nachten zijn zwaar.");
        await consultant.GoBackAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Afgehandeld" }).ClickAsync();
        await Assertions.Expect(consultant.Locator(".card", new() { HasText = reason })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_village_contact_adds_a_good_example_to_the_villages_initiatives()
    {
        var name = $"Koffie bij Mien {Guid.NewGuid().ToString("N")[..4]}";
        var contact = await browser.Phone();
        await Pages.SignIn(contact, "dorp-elsloo");
        await contact.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Dorp", Exact = true }).ClickAsync();
        await contact.GetByRole(AriaRole.Link, new() { Name = "Alle initiatieven en pareltjes" }).ClickAsync();
        await contact.GetByLabel("Naam").FillAsync(name);
        await contact.GetByLabel("Wat doet het?").FillAsync("Elke woensdag koffie voor mantelzorgers, met oppas voor thuis.");
        await contact.GetByLabel("Een pareltje").CheckAsync();
        await contact.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(contact.GetByRole(AriaRole.Status)).ToContainTextAsync("is bijgewerkt");
        var card = contact.GetByRole(AriaRole.List, new() { Name = "Initiatieven" }).Locator(".card", new() { HasText = name });
        await Assertions.Expect(card).ToContainTextAsync("Pareltje");
        Assert.Empty(await Pages.SeriousViolations(contact));

        await contact.GetByRole(AriaRole.Link, new() { Name = "Terug naar het dorp" }).ClickAsync();
        await Assertions.Expect(contact.GetByText(name)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_key_figure_sees_a_carer_only_after_the_carer_agreed_and_logs_a_visit()
    {
        var keyFigure = await browser.Phone();
        await Pages.SignIn(keyFigure, "sleutelfiguur");
        var dorp = keyFigure.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Dorp", Exact = true });
        await dorp.ClickAsync();
        var visible = keyFigure.GetByRole(AriaRole.List, new() { Name = "Mantelzorgers die u mogen zien" });
        await Assertions.Expect(visible.GetByRole(AriaRole.Link, new() { Name = "Marij Proefmans" })).ToHaveCountAsync(0);

        var carer = await browser.Phone();
        await Pages.SignIn(carer, "mantelzorger");
        await carer.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Eigen kring", Exact = true }).ClickAsync();
        var agree = carer.GetByLabel("De sleutelfiguren van mijn dorp mogen mij zien");
        await agree.CheckAsync();
        await agree.Locator("xpath=ancestor::form").GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(carer.GetByRole(AriaRole.Status)).ToContainTextAsync("zien u nu");

        await dorp.ClickAsync();
        await visible.GetByRole(AriaRole.Link, new() { Name = "Marij Proefmans" }).ClickAsync();
        await keyFigure.GetByLabel("Hoe", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "bezoek" });
        await keyFigure.GetByLabel("Wat is er besproken?").FillAsync("Even langs geweest met de buurtkrant.");
        await keyFigure.GetByRole(AriaRole.Button, new() { Name = "Vastleggen" }).ClickAsync();
        await Assertions.Expect(keyFigure.GetByRole(AriaRole.Status)).ToHaveTextAsync("Het contact is vastgelegd.");
        await Assertions.Expect(keyFigure.GetByRole(AriaRole.Heading, new() { Name = "Hulp vragen namens", Exact = false }))
            .ToHaveCountAsync(0);
        Assert.Empty(await Pages.SeriousViolations(keyFigure));

        await agree.UncheckAsync();
        await agree.Locator("xpath=ancestor::form").GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(carer.GetByRole(AriaRole.Status)).ToContainTextAsync("niet meer");
    }
}
