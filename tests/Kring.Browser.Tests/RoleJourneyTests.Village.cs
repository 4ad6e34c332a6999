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
    public async Task The_village_contact_sees_the_figures_change_live_without_reloading()
    {
        var page = await Browser.Phone();
        await Pages.SignIn(page, "dorp-elsloo");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dorp", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Jongeren die zorgen voor een naaste" }))
            .ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lang niets van gehoord" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vrijwilligers die deze week kunnen" })).ToBeVisibleAsync();
        // The script has its stream open once the first figures arrived.
        await Assertions.Expect(page.Locator("[data-live-url]")).ToHaveAttributeAsync("data-live", "connected", new() { Timeout = 15_000 });
        var carers = page.Locator("[data-count=carers]");
        var before = int.Parse((await carers.TextContentAsync())!.Replace(".", ""), CultureInfo.InvariantCulture);
        await page.EvaluateAsync("() => { window.kringStillTheSamePage = true; }");

        var consultantApi = await Browser.App.SignedIn("consulent");
        var registered = await consultantApi.PostAsJsonAsync("/api/v1/circles", new
        {
            village = "elsloo",
            carerName = "Sjef Live",
            carerAge = 44,
            careRecipientName = "Ria Live",
            relationship = "partner",
            needs = Array.Empty<string>(),
            phone = "06-33334444",
            address = "Liveweg 1, Elsloo",
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, registered.StatusCode);

        await Assertions.Expect(carers).ToHaveTextAsync((before + 1).ToString("N0", Dutch), new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.kringStillTheSamePage === true"), "the page reloaded");
        await Assertions.Expect(page.Locator("[data-live-status]")).ToContainTextAsync("Live bijgewerkt om");
        await Pages.Screenshot(page, "dorp-live");
    }

    [Fact]
    public async Task The_language_switches_to_english_and_back()
    {
        var page = await Browser.Phone();
        await Pages.SwitchTo(page, "en");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome to Kring" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).First.ClickAsync();
        await page.GetByLabel("User name").FillAsync("vrijwilliger");
        await page.GetByLabel("Password").FillAsync("kring-demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Availability", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "When can you help?" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Monday morning" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("morning = 9–12 h")).ToBeVisibleAsync();
        await Pages.Screenshot(page, "en-vrijwilliger-beschikbaarheid");

        await page.GetByRole(AriaRole.Link, new() { Name = "Nederlands", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wanneer kunt u helpen?" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
    }
}
