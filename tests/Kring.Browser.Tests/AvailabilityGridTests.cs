using System.Net.Http.Json;
using Kring.Testing;
using Microsoft.Playwright;

namespace Kring.Browser.Tests;

/// <summary>
/// A volunteer sets their week by tapping parts of the day on a grid, or gives exact times instead. Each test has a
/// volunteer of its own, signed up by the coordinator, because the other tests set the demo volunteer's week as they need.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AvailabilityGridTests(BrowserFixture browser)
{
    private const string Password = "ik-help-graag-op-maandag";
    private static readonly string[] Buddy = ["buddy"];

    [Fact]
    public async Task A_volunteer_ticks_monday_morning_and_wednesday_evening_and_gets_those_weekly_slots()
    {
        var page = await NewVolunteer();
        await Assertions.Expect(page.GetByText("ochtend = 9–12 uur")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("avond = 18–21 uur")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Van", new() { Exact = true }).First).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "maandag ochtend" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "woensdag avond" }).CheckAsync();
        Assert.Empty(await Pages.SeriousViolations(page));
        Assert.False(await Pages.ScrollsSideways(page), "the grid scrolls sideways at 360 px");
        await Pages.Screenshot(page, "vrijwilliger-dagdelen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Uw beschikbaarheid is opgeslagen.")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "maandag ochtend" })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "woensdag avond" })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "maandag middag" })).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "woensdag middag" })).Not.ToBeCheckedAsync();
        Assert.Equal("monday 09:00-12:00, wednesday 18:00-21:00", await Weekly(page));

        await page.GetByText("Precieze tijden opgeven", new() { Exact = true }).ClickAsync();
        var monday = page.Locator("details").GetByRole(AriaRole.Group, new() { Name = "maandag" });
        await Assertions.Expect(monday.GetByLabel("Van", new() { Exact = true }).First).ToHaveValueAsync("09:00");
        await Assertions.Expect(monday.GetByLabel("Tot", new() { Exact = true }).First).ToHaveValueAsync("12:00");
    }

    [Fact]
    public async Task Exact_times_that_do_not_fit_the_day_parts_open_with_the_times_until_the_grid_replaces_them()
    {
        var page = await NewVolunteer();
        await page.GetByText("Precieze tijden opgeven", new() { Exact = true }).ClickAsync();
        var monday = page.Locator("details").GetByRole(AriaRole.Group, new() { Name = "maandag" });
        await monday.GetByLabel("Van", new() { Exact = true }).First.FillAsync("10:00");
        await monday.GetByLabel("Tot", new() { Exact = true }).First.FillAsync("09:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Precieze tijden opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("De eindtijd moet na de begintijd liggen.");
        await Assertions.Expect(monday.GetByLabel("Van", new() { Exact = true }).First).ToHaveValueAsync("10:00");

        await monday.GetByLabel("Tot", new() { Exact = true }).First.FillAsync("14:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Precieze tijden opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Uw beschikbaarheid is opgeslagen.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Uw tijden passen niet in de dagdelen.")).ToBeVisibleAsync();
        await Assertions.Expect(monday.GetByLabel("Van", new() { Exact = true }).First).ToHaveValueAsync("10:00");
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "maandag ochtend" })).Not.ToBeCheckedAsync();
        Assert.Empty(await Pages.SeriousViolations(page));
        Assert.Equal("monday 10:00-14:00", await Weekly(page));

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "zondag avond" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan", Exact = true }).ClickAsync();
        // The page said it saved before, too: the notice that the times do not fit going away is the sign of the new page.
        await Assertions.Expect(page.GetByText("Uw tijden passen niet in de dagdelen.")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Uw beschikbaarheid is opgeslagen.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "zondag avond" })).ToBeCheckedAsync();
        Assert.Equal("sunday 18:00-21:00", await Weekly(page));
    }

    /// <summary>
    /// A volunteer of PIW in Urmond whom the coordinator just signed up, without skills so that the other tests' requests
    /// (which ask for parkinson) never reach them, signed in on a phone and on their availability page.
    /// </summary>
    private async Task<IPage> NewVolunteer()
    {
        var userName = $"gerda-{Guid.NewGuid():N}"[..20];
        var coordinator = await browser.App.SignedIn("coordinator");
        var created = await coordinator.PostAsJsonAsync("/api/v1/partners/piw/volunteers", new
        {
            userName,
            displayName = "Gerda Voorbeeld",
            village = "urmond",
            kinds = Buddy,
            skills = Array.Empty<string>(),
            maxKm = 3,
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var page = await browser.Phone();
        await Pages.Activate(page, userName, await KringApp.ActivationCode(created), Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Beschikbaarheid", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wanneer kunt u helpen?" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>The weekly slots as the API gives them to the page's own session, such as "monday 09:00-12:00".</summary>
    private static async Task<string> Weekly(IPage page)
    {
        var response = await page.Context.APIRequest.GetAsync("/api/v1/volunteers/me/availability");
        Assert.Equal(200, response.Status);
        var body = (await response.JsonAsync())!.Value;
        return string.Join(", ", body.GetProperty("weekly").EnumerateArray()
            .Select(s => $"{s.GetProperty("day").GetString()} {s.GetProperty("from").GetString()}-{s.GetProperty("to").GetString()}"));
    }
}
