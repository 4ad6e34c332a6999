using System.Text;
using Microsoft.Playwright;

namespace Kring.Browser.Tests;

/// <summary>
/// Ede's consultant imports a file of carers on the page: first what would happen, then the import, after which the carer
/// is found among Bennekom's circles; a file with a bad row stores nothing and names the row.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportTests(BrowserFixture browser)
{
    private const string Header = "externalId;village;carerName;carerAge;careRecipientName;relationship;needs;phone;address";

    [Fact]
    public async Task The_consultant_previews_a_file_of_carers_imports_it_and_finds_the_carer()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var carer = $"Geertje Import {run}";
        var page = await browser.Phone();
        await Pages.SignIn(page, "consulent-ede");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Kringen", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Mantelzorgers importeren" }).ClickAsync();

        await Choose(page, $"{Header}\nB-{run};bennekom;{carer};77;Evert Import;partner;;0318-000002;Proefweg 7\n" +
            $"X-{run};elsloo;Ander Import;70;Naaste;partner;;;\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bekijken" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Rij 3");
        Assert.Empty(await Pages.SeriousViolations(page));

        await Choose(page, $"{Header}\nB-{run};bennekom;{carer};77;Evert Import;partner;;0318-000002;Proefweg 7\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bekijken" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Nog niets opgeslagen. Bij importeren: 1 nieuw");
        await page.GetByRole(AriaRole.Button, new() { Name = "Importeren" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Geïmporteerd: 1 nieuw, 0 bijgewerkt, 0 ongewijzigd.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar de kringen" }).ClickAsync();
        await page.GetByLabel("Dorp").SelectOptionAsync(new SelectOptionValue { Label = "Bennekom" });
        await page.GetByLabel("Zoek op naam, adres of kring").FillAsync(run);
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = carer })).ToBeVisibleAsync();
    }

    private static Task Choose(IPage page, string csv) => page.GetByLabel("CSV-bestand").SetInputFilesAsync(
        new FilePayload { Name = "mantelzorgers.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
}
