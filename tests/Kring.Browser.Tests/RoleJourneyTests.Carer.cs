using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Matching;
using Kring.Testing;
using Microsoft.Playwright;

namespace Kring.Browser.Tests;

public sealed partial class RoleJourneyTests
{
    [Fact]
    public async Task A_carer_asks_for_respite_every_week_for_three_weeks()
    {
        var first = NextWeek(4, 13);
        var page = await Browser.Phone();
        await Pages.SignIn(page, "mantelzorger");
        await page.GetByRole(AriaRole.Link, new() { Name = "Hulp vragen", Exact = true }).ClickAsync();
        await page.GetByLabel("Vervangende zorg").CheckAsync();
        await page.GetByLabel("Datum").FillAsync(first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Van", new() { Exact = true }).FillAsync("13:00");
        await page.GetByLabel("Tot", new() { Exact = true }).FillAsync("14:00");
        await page.GetByLabel("Elke week herhalen").CheckAsync();
        await page.GetByLabel("Aantal weken").FillAsync("3");
        // Chromium drops the next click on the page after a full-page screenshot taken while a number field has focus.
        await page.GetByLabel("Toelichting").FocusAsync();
        await Pages.Screenshot(page, "mantelzorger-herhalen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Hulpvraag versturen" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Uw hulpvraag is verstuurd: elke week, 3 weken lang.")).ToBeVisibleAsync();

        for (var week = 0; week < 3; week++)
        {
            var card = page.Locator(".card", new() { HasText = $"{DutchDate(first.AddDays(7 * week))}, 13:00–14:00" });
            await Assertions.Expect(card).ToHaveCountAsync(1);
            await Assertions.Expect(card).ToContainTextAsync("Elke week");
            await Assertions.Expect(card).ToContainTextAsync("vervangende zorg");
        }
        await Assertions.Expect(page.Locator(".card", new() { HasText = $"{DutchDate(first.AddDays(21))}, 13:00" })).ToHaveCountAsync(0);
        await Pages.Screenshot(page, "mantelzorger-reeks");
    }

    [Fact]
    public async Task The_consultant_gives_a_carer_an_account_with_which_the_carer_follows_their_requests()
    {
        var userName = "carer-" + Guid.NewGuid().ToString("N")[..8];
        const string password = "Samen-met-mijn-vader-in-Elsloo";
        var page = await Browser.Phone();
        await Pages.SignIn(page, "consulent");
        await page.GotoAsync("/Kringen/Account?kring=c-0009");
        await page.GetByLabel("Gebruikersnaam (3 tot 32 tekens").FillAsync(userName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Account aanmaken" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"kan nu inloggen met de gebruikersnaam {userName}");
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = userName })).ToHaveCountAsync(1);
        await Pages.Screenshot(page, "consulent-account-mantelzorger");

        var carerPage = await Browser.Phone();
        await Pages.Activate(carerPage, userName, await Pages.ShownActivationCode(page), password);
        var carer = await Browser.App.SignedIn(userName, password);
        var mine = await carer.GetFromJsonAsync<JsonElement>("/api/v1/circles/mine");
        Assert.Equal("c-0009", mine.GetProperty("id").GetString());
    }

    private async Task<System.Net.HttpStatusCode> SignInStatus(string userName, string password) =>
        (await Browser.App.Client().PostAsJsonAsync("/api/v1/session", new { username = userName, password })).StatusCode;
}
