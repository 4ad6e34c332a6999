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
    public async Task A_consultant_registers_a_circle_finds_it_and_asks_help_on_its_behalf()
    {
        var name = $"Noor Nepveld {Guid.NewGuid().ToString("N")[..6]}";
        var when = NextWeek(2, 16);
        var page = await Browser.Phone();
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
        await Assertions.Expect(found.GetByRole(AriaRole.Link, new() { Name = $"Hulp vragen voor {name}" }))
            .ToHaveAttributeAsync("href", $"/Hulpvragen/Nieuw?kring={circleId}");
        await Pages.Screenshot(page, "consulent-kringen");
    }

    [Fact]
    public async Task A_coordinator_assigns_a_queued_request_to_their_volunteer_and_takes_them_off_again()
    {
        // Nobody helps at three in the night, so the request goes straight to the queue of PIW, which offers maatjes.
        var consultantApi = await Browser.App.SignedIn("consulent");
        var coordinatorApi = await Browser.App.SignedIn("coordinator");
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

        var page = await Browser.Phone();
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
        var page = await Browser.Phone();
        await Pages.SignIn(page, "beheerder");
        await page.GetByRole(AriaRole.Link, new() { Name = "Beheer", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync("Mieke Maas");
        await page.GetByLabel("Rol").SelectOptionAsync("consultant");
        await page.GetByLabel("Gebruikersnaam (3 tot 32 tekens").FillAsync(userName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Account aanmaken" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(
            $"Mieke Maas kan nu inloggen als mantelzorgconsulent met de gebruikersnaam {userName}");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Geef deze code persoonlijk door");
        var code = await Pages.ShownActivationCode(page);
        var card = page.Locator(".card.account", new() { HasText = userName });
        await Assertions.Expect(card).ToContainTextAsync("nog niet geactiveerd");
        await Pages.Screenshot(page, "beheer-accounts");
        Assert.Empty(await Pages.SeriousViolations(page));

        // Mieke, on her own phone: the code leads her to choose a password, and then home, as a consultant.
        var mieke = await Browser.Phone();
        await Pages.Activate(mieke, userName, code, password);
        await Assertions.Expect(mieke.GetByRole(AriaRole.Link, new() { Name = "Kringen", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, await SignInStatus(userName, code));
        Assert.Equal(System.Net.HttpStatusCode.OK, await SignInStatus(userName, password));
        await page.GetByRole(AriaRole.Link, new() { Name = "Beheer", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();
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
    public async Task A_coordinator_signs_up_a_volunteer_who_signs_in_and_finds_their_profile()
    {
        var userName = "wim-" + Guid.NewGuid().ToString("N")[..8];
        var page = await Browser.Phone();
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

        var wim = await Browser.Phone();
        await Pages.Activate(wim, userName, code, "Wandelen-langs-de-Maas");
        await wim.GetByRole(AriaRole.Link, new() { Name = "Profiel", Exact = true }).ClickAsync();
        await Assertions.Expect(wim.GetByLabel("dementie")).ToBeCheckedAsync();
        await Assertions.Expect(wim.Locator("strong", new() { HasText = "Catsop" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_operator_sees_on_Beheer_what_waits_in_which_village_and_no_one_by_name()
    {
        var carer = await Browser.App.SignedIn("mantelzorger");
        await Journey.AskBuddy(carer, Journey.NextMonday(3, 0), Journey.NextMonday(3, 30));
        var page = await Browser.Phone();
        await Pages.SignIn(page, "beheerder");
        await page.GetByRole(AriaRole.Link, new() { Name = "Beheer", Exact = true }).ClickAsync();

        var villages = page.GetByRole(AriaRole.Region, new() { Name = "Wachtende hulpvragen per dorp" });
        var elsloo = villages.GetByRole(AriaRole.Row).Filter(new() { HasText = "Elsloo" });
        await Assertions.Expect(elsloo).ToBeVisibleAsync();
        var underADay = await elsloo.GetByRole(AriaRole.Cell).Nth(1).InnerTextAsync();
        Assert.True(int.Parse(underADay, CultureInfo.InvariantCulture) >= 1, $"Elsloo waits under a day: {underADay}");
        var regions = page.GetByRole(AriaRole.Region, new() { Name = "Matching per regio" });
        await Assertions.Expect(regions.GetByRole(AriaRole.Columnheader, new() { Name = "stein" })).ToBeVisibleAsync();
        await Assertions.Expect(regions.GetByRole(AriaRole.Rowheader, new() { Name = "Verlopen vandaag" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Waarschuwingen die nu gelden" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Proefmans");
        await Pages.Screenshot(page, "beheer-zorg");
        Assert.Empty(await Pages.SeriousViolations(page));
    }

    [Fact]
    public async Task A_coordinator_rates_the_network_of_a_village_with_its_pareltjes_in_view()
    {
        var pareltje = $"Koffie-ochtend {Guid.NewGuid().ToString("N")[..6]}";
        var contact = await Browser.App.SignedIn("dorp-elsloo");
        (await contact.PostAsJsonAsync("/api/v1/villages/elsloo/initiatives",
            new { name = pareltje, description = "Elke dinsdag koffie in het dorpshuis.", goodExample = true })).EnsureSuccessStatusCode();
        var page = await Browser.Phone();
        await Pages.SignIn(page, "coordinator");
        await page.GetByRole(AriaRole.Link, new() { Name = "Coördinatie", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Het netwerk beoordelen" }).ClickAsync();
        await page.GetByLabel("Dorp").SelectOptionAsync(new SelectOptionValue { Label = "Elsloo" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiezen" }).ClickAsync();
        await Assertions.Expect(page.Locator(".card", new() { HasText = pareltje })).ToContainTextAsync("pareltje");

        // One statement left open: the page says so and keeps the other answers.
        var questions = Kring.Balance.NetworkQuestions.Questions;
        foreach (var question in questions.SkipLast(1))
        {
            await page.GetByRole(AriaRole.Group, new() { Name = question.Text }).GetByLabel("4", new() { Exact = true }).CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Beoordeling opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Beantwoord alle vragen");
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = questions[0].Text })
            .GetByLabel("4", new() { Exact = true })).ToBeCheckedAsync();

        await page.GetByRole(AriaRole.Group, new() { Name = questions[^1].Text }).GetByLabel("2", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Beoordeling opslaan" }).ClickAsync();
        var quarter = Kring.Balance.NetworkQuestions.Quarter(DateTimeOffset.UtcNow);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Uw beoordeling voor {quarter} is bewaard");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Verloop in Elsloo" })
            .GetByRole(AriaRole.Row).Filter(new() { HasText = quarter })).ToBeVisibleAsync();
        // Back on the page, this quarter's rating is there to change.
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = questions[^1].Text })
            .GetByLabel("2", new() { Exact = true })).ToBeCheckedAsync();
        Assert.Empty(await Pages.SeriousViolations(page));
    }
}
