using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Matching;
using Kring.Testing;
using Microsoft.Playwright;

namespace Kring.Browser.Tests;

/// <summary>Each role's main journey on a phone, in Debian's Chromium, against the real application.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleJourneyTests(BrowserFixture browser)
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
        await Assertions.Expect(booked.GetByRole(AriaRole.Link, new() { Name = "06-00000000" })).ToHaveAttributeAsync("href", "tel:0600000000");
        await Assertions.Expect(booked).ToContainTextAsync("Demostraat 1, Elsloo");
        await Pages.Screenshot(page, "vrijwilliger-afspraken");
    }

    [Fact]
    public async Task A_carer_asks_for_respite_every_week_for_three_weeks()
    {
        var first = NextWeek(4, 13);
        var page = await browser.Phone();
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
    public async Task A_consultant_registers_a_circle_finds_it_and_asks_help_on_its_behalf()
    {
        var name = $"Noor Nepveld {Guid.NewGuid().ToString("N")[..6]}";
        var when = NextWeek(2, 16);
        var page = await browser.Phone();
        await Pages.SignIn(page, "consulent");
        await page.GetByRole(AriaRole.Link, new() { Name = "Kringen", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe kring aanmelden" }).ClickAsync();

        await page.GetByLabel("Dorp").SelectOptionAsync(new SelectOptionValue { Label = "Urmond" });
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Leeftijd").FillAsync("17");
        await page.GetByLabel("Telefoonnummer").FillAsync("06-12345678");
        await page.GetByLabel("Adres waar de hulp nodig is").FillAsync("Proefpad 3, Urmond");
        await page.GetByLabel("Naam van de naaste").FillAsync("Hans Nepveld");
        await page.GetByLabel("De naaste is voor de mantelzorger een").SelectOptionAsync("ouder");
        await page.GetByLabel("dementie").CheckAsync();
        await Pages.Screenshot(page, "consulent-kring-aanmelden");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kring aanmelden" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"De kring van {name} is aangemeld")).ToBeVisibleAsync();
        var circleId = new Uri(page.Url).Query.Split("kring=")[1];

        await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe hulpvraag" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Kring (bijvoorbeeld c-0001)")).ToHaveValueAsync(circleId);
        await Assertions.Expect(page.GetByLabel("dementie")).ToBeCheckedAsync();
        await page.GetByLabel("Maatje").CheckAsync();
        await page.GetByLabel("Datum").FillAsync(when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Van", new() { Exact = true }).FillAsync("16:00");
        await page.GetByLabel("Tot", new() { Exact = true }).FillAsync("17:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Hulpvraag versturen" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Uw hulpvraag is verstuurd.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".card", new() { HasText = $"{DutchDate(when)}, 16:00" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Kringen", Exact = true }).ClickAsync();
        await page.GetByLabel("Dorp").SelectOptionAsync(new SelectOptionValue { Label = "Urmond" });
        await page.GetByLabel("Zoek op naam, adres of kring").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        var found = page.Locator(".card.circle", new() { HasText = name });
        await Assertions.Expect(found).ToHaveCountAsync(1);
        await Assertions.Expect(found).ToContainTextAsync("jonger dan 25");
        await Assertions.Expect(found.GetByRole(AriaRole.Link, new() { Name = $"Hulp vragen voor {name}" })).ToHaveAttributeAsync("href", $"/Hulpvragen/Nieuw?kring={circleId}");
        await Pages.Screenshot(page, "consulent-kringen");
    }

    [Fact]
    public async Task A_coordinator_assigns_a_queued_request_to_their_volunteer_and_takes_them_off_again()
    {
        // Nobody helps at three in the night, so the request goes straight to the queue of PIW, which offers maatjes.
        var consultantApi = await browser.App.SignedIn("consulent");
        var coordinatorApi = await browser.App.SignedIn("coordinator");
        var start = NextWeek(5, 3);
        var filed = await consultantApi.PostAsJsonAsync("/api/v1/circles/c-0004/requests",
            new { kind = "buddy", start = start.ToString("o"), end = start.AddHours(1).ToString("o") });
        Assert.Equal(System.Net.HttpStatusCode.Created, filed.StatusCode);
        var requestPath = filed.Headers.Location!.ToString();
        var requestId = requestPath[(requestPath.LastIndexOf('/') + 1)..];
        await Eventually.Get(async () =>
        {
            var queue = await coordinatorApi.GetFromJsonAsync<JsonElement>("/api/v1/partners/piw/queue");
            return queue.EnumerateArray().Any(q => q.GetProperty("requestId").GetString() == requestId) ? "queued" : null;
        }, "the request in PIW's queue");

        var page = await browser.Phone();
        await Pages.SignIn(page, "coordinator");
        await page.GetByRole(AriaRole.Link, new() { Name = "Coördinatie", Exact = true }).ClickAsync();
        var queued = page.Locator(".card.queued", new() { HasText = $"{DutchDate(start)}, 03:00" });
        await Assertions.Expect(queued).ToHaveCountAsync(1);
        await queued.GetByLabel("Vrijwilliger").SelectOptionAsync("v-demo");
        await queued.GetByLabel("Reden").FillAsync("Vera kent de familie en kan die nacht");
        await Pages.Screenshot(page, "coordinator-wachtrij");
        await queued.GetByRole(AriaRole.Button, new() { Name = "Koppelen" }).ClickAsync();
        await Assertions.Expect(page.GetByText("is gekoppeld aan de hulpvraag")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".card.queued", new() { HasText = $"{DutchDate(start)}, 03:00" })).ToHaveCountAsync(0);

        var booked = page.Locator(".card.booked", new() { HasText = $"{DutchDate(start)}, 03:00" });
        await Assertions.Expect(booked).ToContainTextAsync("Vera Voorbeeld");
        await booked.Locator("summary").ClickAsync();
        await booked.GetByLabel("Reden").FillAsync("Vera is die week ziek");
        await Pages.Screenshot(page, "coordinator-ontkoppelen");
        await booked.GetByRole(AriaRole.Button, new() { Name = "Vrijwilliger ontkoppelen" }).ClickAsync();
        await Assertions.Expect(page.GetByText("staat weer open")).ToBeVisibleAsync();

        var request = await consultantApi.GetFromJsonAsync<JsonElement>(requestPath);
        var history = request.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("what").GetString()).ToList();
        Assert.Contains(history, h => h!.Contains("Vera kent de familie en kan die nacht"));
        Assert.Contains(history, h => h!.Contains("Vera is die week ziek"));
        Assert.NotEqual("matched", request.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_operator_signs_up_a_consultant_who_activates_the_account_with_the_code_and_whom_the_operator_blocks()
    {
        var userName = "mieke-" + Guid.NewGuid().ToString("N")[..8];
        const string password = "Mantelzorg-in-Stein-2026";
        var page = await browser.Phone();
        await Pages.SignIn(page, "beheerder");
        await page.GetByRole(AriaRole.Link, new() { Name = "Beheer", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync("Mieke Maas");
        await page.GetByLabel("Rol").SelectOptionAsync("consultant");
        await page.GetByLabel("Gebruikersnaam (3 tot 32 tekens").FillAsync(userName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Account aanmaken" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Mieke Maas kan nu inloggen als mantelzorgconsulent met de gebruikersnaam {userName}");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Geef deze code persoonlijk door");
        var code = await Pages.ShownActivationCode(page);
        var card = page.Locator(".card.account", new() { HasText = userName });
        await Assertions.Expect(card).ToContainTextAsync("nog niet geactiveerd");
        await Pages.Screenshot(page, "beheer-accounts");
        Assert.Empty(await Pages.SeriousViolations(page));

        // Mieke, on her own phone: the code leads her to choose a password, and then home, as a consultant.
        var mieke = await browser.Phone();
        await Pages.Activate(mieke, userName, code, password);
        await Assertions.Expect(mieke.GetByRole(AriaRole.Link, new() { Name = "Kringen", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, await SignInStatus(userName, code));
        Assert.Equal(System.Net.HttpStatusCode.OK, await SignInStatus(userName, password));
        await page.GotoAsync("/Beheer/Accounts");
        await Assertions.Expect(card).Not.ToContainTextAsync("nog niet geactiveerd");

        await card.GetByRole(AriaRole.Button, new() { Name = $"Blokkeren {userName}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{userName} is geblokkeerd");
        await Assertions.Expect(card).ToContainTextAsync("geblokkeerd");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, await SignInStatus(userName, password));

        await card.GetByRole(AriaRole.Button, new() { Name = $"Deblokkeren {userName}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{userName} kan weer inloggen");
        Assert.Equal(System.Net.HttpStatusCode.OK, await SignInStatus(userName, password));
    }

    [Fact]
    public async Task The_consultant_gives_a_carer_an_account_with_which_the_carer_follows_their_requests()
    {
        var userName = "carer-" + Guid.NewGuid().ToString("N")[..8];
        const string password = "Samen-met-mijn-vader-in-Elsloo";
        var page = await browser.Phone();
        await Pages.SignIn(page, "consulent");
        await page.GotoAsync("/Kringen/Account?kring=c-0009");
        await page.GetByLabel("Gebruikersnaam (3 tot 32 tekens").FillAsync(userName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Account aanmaken" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"kan nu inloggen met de gebruikersnaam {userName}");
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = userName })).ToHaveCountAsync(1);
        await Pages.Screenshot(page, "consulent-account-mantelzorger");

        var carerPage = await browser.Phone();
        await Pages.Activate(carerPage, userName, await Pages.ShownActivationCode(page), password);
        var carer = await browser.App.SignedIn(userName, password);
        var mine = await carer.GetFromJsonAsync<JsonElement>("/api/v1/circles/mine");
        Assert.Equal("c-0009", mine.GetProperty("id").GetString());
    }

    private async Task<System.Net.HttpStatusCode> SignInStatus(string userName, string password) =>
        (await browser.App.Client().PostAsJsonAsync("/api/v1/session", new { username = userName, password })).StatusCode;

    [Fact]
    public async Task A_coordinator_signs_up_a_volunteer_who_signs_in_and_finds_their_profile()
    {
        var userName = "wim-" + Guid.NewGuid().ToString("N")[..8];
        var page = await browser.Phone();
        await Pages.SignIn(page, "coordinator");
        await page.GetByRole(AriaRole.Link, new() { Name = "Coördinatie", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe vrijwilliger aanmelden" }).ClickAsync();
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync("Wim Wandelaar");
        await page.GetByLabel("Woonplaats (dorp)").SelectOptionAsync("catsop");
        await page.GetByLabel("dementie").CheckAsync();
        await page.GetByLabel("Gebruikersnaam").FillAsync("vrijwilliger");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vrijwilliger aanmelden" }).ClickAsync();
        // The user name is taken: the page says so and keeps what was filled in.
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Deze gebruikersnaam is al in gebruik");
        await Assertions.Expect(page.GetByLabel("Naam", new() { Exact = true })).ToHaveValueAsync("Wim Wandelaar");
        await Assertions.Expect(page.GetByLabel("dementie")).ToBeCheckedAsync();
        await page.GetByLabel("Gebruikersnaam").FillAsync(userName);
        await Pages.Screenshot(page, "coordinator-aanmelden");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vrijwilliger aanmelden" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Wim Wandelaar is aangemeld met de gebruikersnaam {userName}")).ToBeVisibleAsync();
        var code = await Pages.ShownActivationCode(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Naar de vrijwilligers" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Wim Wandelaar" })).ToBeVisibleAsync();

        var wim = await browser.Phone();
        await Pages.Activate(wim, userName, code, "Wandelen-langs-de-Maas");
        await wim.GetByRole(AriaRole.Link, new() { Name = "Profiel", Exact = true }).ClickAsync();
        await Assertions.Expect(wim.GetByLabel("dementie")).ToBeCheckedAsync();
        await Assertions.Expect(wim.Locator("strong", new() { HasText = "Catsop" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_village_contact_sees_the_figures_change_live_without_reloading()
    {
        var page = await browser.Phone();
        await Pages.SignIn(page, "dorp-elsloo");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dorp", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Jongeren die zorgen voor een naaste" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lang niets van gehoord" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vrijwilligers die deze week kunnen" })).ToBeVisibleAsync();
        // The script has its stream open once the first figures arrived.
        await Assertions.Expect(page.Locator("[data-live-url]")).ToHaveAttributeAsync("data-live", "connected", new() { Timeout = 15_000 });
        var carers = page.Locator("[data-count=carers]");
        var before = int.Parse((await carers.TextContentAsync())!.Replace(".", ""), CultureInfo.InvariantCulture);
        await page.EvaluateAsync("() => { window.kringStillTheSamePage = true; }");

        var consultantApi = await browser.App.SignedIn("consulent");
        var registered = await consultantApi.PostAsJsonAsync("/api/v1/circles", new
        {
            village = "elsloo", carerName = "Sjef Live", carerAge = 44, careRecipientName = "Ria Live", relationship = "partner",
            needs = Array.Empty<string>(), phone = "06-33334444", address = "Liveweg 1, Elsloo",
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
        var page = await browser.Phone();
        await Pages.SwitchTo(page, "en");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome to Kring" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).First.ClickAsync();
        await page.GetByLabel("User name").FillAsync("vrijwilliger");
        await page.GetByLabel("Password").FillAsync("kring-demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Availability", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "When can you help?" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Monday" })).ToBeVisibleAsync();
        await Pages.Screenshot(page, "en-vrijwilliger-beschikbaarheid");

        await page.GetByRole(AriaRole.Link, new() { Name = "Nederlands", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wanneer kunt u helpen?" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
    }
}
