using Kring.Testing;
using Microsoft.Playwright;

namespace Kring.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class JourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Volunteer_and_carer_complete_the_walking_skeleton_on_a_phone()
    {
        var wednesday = Journey.NextMonday(0).AddDays(2);
        var date = wednesday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var volunteer = await browser.Phone();
        await Pages.SignIn(volunteer, "vrijwilliger");
        await volunteer.GotoAsync("/Vrijwilliger/Beschikbaarheid");
        await volunteer.GetByRole(AriaRole.Checkbox, new() { Name = "woensdag middag" }).CheckAsync();
        await Pages.Screenshot(volunteer, "vrijwilliger-beschikbaarheid");
        await volunteer.GetByRole(AriaRole.Button, new() { Name = "Opslaan", Exact = true }).ClickAsync();
        await Assertions.Expect(volunteer.GetByText("Uw beschikbaarheid is opgeslagen.")).ToBeVisibleAsync();

        var carer = await browser.Phone();
        await Pages.SignIn(carer, "mantelzorger");
        await carer.GotoAsync("/Hulpvragen/Nieuw");
        await carer.GetByLabel("Maatje").CheckAsync();
        await carer.GetByLabel("Eerst mijn eigen kring vragen").UncheckAsync();
        await carer.GetByLabel("Datum").FillAsync(date);
        await carer.GetByLabel("Van", new() { Exact = true }).FillAsync("14:00");
        await carer.GetByLabel("Tot", new() { Exact = true }).FillAsync("15:30");
        await Pages.Screenshot(carer, "mantelzorger-hulp-vragen");
        await carer.GetByRole(AriaRole.Button, new() { Name = "Hulpvraag versturen" }).ClickAsync();
        await Assertions.Expect(carer.GetByText("Uw hulpvraag is verstuurd.")).ToBeVisibleAsync();

        var dutchDate = wednesday.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"));
        var offer = volunteer.Locator(".card", new() { HasText = $"{dutchDate}, 14:00" });
        await Eventually.Get(async () =>
        {
            await volunteer.GotoAsync("/Vrijwilliger");
            return await offer.CountAsync() > 0 ? "offer" : null;
        }, "the offer on the volunteer's page");
        await Pages.Screenshot(volunteer, "vrijwilliger-aanvragen");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Ja, ik help" }).ClickAsync();
        await Assertions.Expect(volunteer.GetByText("U heeft de hulpvraag aangenomen.")).ToBeVisibleAsync();

        await carer.GotoAsync("/Hulpvragen");
        var request = carer.Locator(".card", new() { HasText = $"{dutchDate}, 14:00" });
        await Assertions.Expect(request.GetByText("gekoppeld")).ToBeVisibleAsync();
        await Pages.Screenshot(carer, "mantelzorger-hulpvragen");
    }

    [Fact]
    public async Task A_form_that_fails_validation_keeps_what_was_typed()
    {
        var carer = await browser.Phone();
        await Pages.SignIn(carer, "mantelzorger");
        await carer.GotoAsync("/Hulpvragen/Nieuw");
        await carer.GetByLabel("Vervangende zorg").CheckAsync();
        await carer.GetByLabel("Datum").FillAsync("2020-01-06");
        await carer.GetByLabel("Van", new() { Exact = true }).FillAsync("10:00");
        await carer.GetByLabel("Tot", new() { Exact = true }).FillAsync("12:00");
        await carer.GetByLabel("Toelichting").FillAsync("Graag iemand die van wandelen houdt");
        await carer.GetByRole(AriaRole.Button, new() { Name = "Hulpvraag versturen" }).ClickAsync();

        await Assertions.Expect(carer.GetByText("Het begin ligt in het verleden.")).ToBeVisibleAsync();
        await Assertions.Expect(carer.GetByLabel("Toelichting")).ToHaveValueAsync("Graag iemand die van wandelen houdt");
        await Assertions.Expect(carer.GetByLabel("Vervangende zorg")).ToBeCheckedAsync();
        await Assertions.Expect(carer.GetByLabel("Van", new() { Exact = true })).ToHaveValueAsync("10:00");
    }
}
