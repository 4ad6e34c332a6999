using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Matching;
using Kring.Testing;
using Microsoft.Playwright;

namespace Kring.Browser.Tests;

/// <summary>Each role's main journey on a phone, in Debian's Chromium, against the real application.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RoleJourneyTests(BrowserFixture browser)
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>A day of next week (Monday = 0) at a local Europe/Amsterdam time.</summary>
    private static DateTimeOffset NextWeek(int day, int hour, int minute = 0)
    {
        var date = DateOnly.FromDateTime(Journey.NextMonday(0).DateTime).AddDays(day);
        var local = date.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Availability.Amsterdam.GetUtcOffset(local));
    }

    private static string DutchDate(DateTimeOffset at) => at.ToString("d MMMM yyyy", Dutch);

    private BrowserFixture Browser => browser;

    [Fact]
    public async Task A_volunteer_edits_their_profile_adds_and_removes_a_day_off_and_gets_the_calendar_feed()
    {
        var page = await browser.Phone();
        await Pages.SignIn(page, "vrijwilliger");

        await page.GetByRole(AriaRole.Link, new() { Name = "Profiel", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Maatje")).ToBeCheckedAsync();
        await page.GetByLabel("diabetes").CheckAsync();
        await page.GetByLabel("Hoe ver wilt u reizen?").FillAsync("6.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan", Exact = true }).FocusAsync();
        await Pages.Screenshot(page, "vrijwilliger-profiel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Uw profiel is opgeslagen.")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("diabetes")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Hoe ver wilt u reizen?")).ToHaveValueAsync("6.5");

        var dayOff = DateOnly.FromDateTime(DateTime.Today).AddDays(200);
        var dutchDayOff = dayOff.ToString("dddd d MMMM yyyy", Dutch);
        await page.GetByRole(AriaRole.Link, new() { Name = "Beschikbaarheid", Exact = true }).ClickAsync();
        await page.GetByLabel("Datum van de vrije dag").FillAsync(dayOff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Vrije dag toevoegen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).GetByText($"Vrije dag toegevoegd: {dutchDayOff}.")).ToBeVisibleAsync();
        var days = page.GetByRole(AriaRole.List, new() { Name = "Uw vrije dagen" });
        await Assertions.Expect(days.Locator("li", new() { HasText = dutchDayOff })).ToHaveCountAsync(1);
        await Pages.Screenshot(page, "vrijwilliger-vrije-dagen");
        await days.GetByRole(AriaRole.Button, new() { Name = $"Verwijderen {dutchDayOff}" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Vrije dag verwijderd: {dutchDayOff}.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(dutchDayOff, new() { Exact = true })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Mijn aanvragen", Exact = true }).ClickAsync();
        var feed = page.GetByRole(AriaRole.Link, new() { Name = "Mijn afspraken in mijn agenda" });
        var href = await feed.GetAttributeAsync("href");
        Assert.Equal("/api/v1/volunteers/me/assignments.ics", href);
        var response = await page.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/calendar", response.Headers["content-type"]);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", await response.TextAsync());
    }

    [Fact]
    public async Task A_volunteer_sees_the_carers_contact_details_only_once_the_assignment_is_theirs()
    {
        var volunteerApi = await browser.App.SignedIn("vrijwilliger");
        var carerApi = await browser.App.SignedIn("mantelzorger");
        (await volunteerApi.PutAsJsonAsync("/api/v1/volunteers/me/availability",
            new { weekly = new[] { new { day = "thursday", from = "09:00", to = "12:00" } } })).EnsureSuccessStatusCode();
        var start = NextWeek(3, 10);
        var (requestId, _) = await Journey.AskBuddy(carerApi, start, start.AddHours(1));
        await Journey.OfferFor(volunteerApi, requestId);

        var page = await browser.Phone();
        await Pages.SignIn(page, "vrijwilliger");
        await page.GotoAsync("/Vrijwilliger");
        var offer = page.Locator(".card.offer", new() { HasText = $"{DutchDate(start)}, 10:00" });
        await Assertions.Expect(offer).ToBeVisibleAsync();
        await Assertions.Expect(offer).Not.ToContainTextAsync("06-00000000");
        await Assertions.Expect(offer).Not.ToContainTextAsync("Demostraat");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Ja, ik help" }).ClickAsync();
        await Assertions.Expect(page.GetByText("U heeft de hulpvraag aangenomen.")).ToBeVisibleAsync();

        var booked = page.Locator(".card.assignment", new() { HasText = $"{DutchDate(start)}, 10:00" });
        await Assertions.Expect(booked).ToContainTextAsync("Marij Proefmans");
        await Assertions.Expect(booked.GetByRole(AriaRole.Link, new() { Name = "06-00000000" }))
            .ToHaveAttributeAsync("href", "tel:0600000000");
        await Assertions.Expect(booked).ToContainTextAsync("Demostraat 1, Elsloo");
        await Pages.Screenshot(page, "vrijwilliger-afspraken");
    }

}
