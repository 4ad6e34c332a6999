using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kring.Testing;
using Microsoft.Playwright;

namespace Kring.Browser.Tests;

/// <summary>The carer's own people on their phones: the invitation by mail, and a request they see first and take with one tap.</summary>
[Collection(AccessibilityCollection.Name)]
public sealed partial class OwnCircleTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_carer_asks_the_own_circle_first_and_the_family_member_takes_it_before_any_volunteer_hears_of_it()
    {
        // Thursday: the demo volunteer is free all day, so a request that reached matching would be offered to them.
        var thursday = Journey.NextMonday(0).AddDays(3 + 14);
        var volunteerApi = await browser.App.SignedIn("vrijwilliger");
        (await volunteerApi.PutAsJsonAsync("/api/v1/volunteers/me/availability",
            new { weekly = new[] { new { day = "thursday", from = "09:00", to = "17:00" } } })).EnsureSuccessStatusCode();

        var carer = await browser.Phone();
        await Pages.SignIn(carer, "mantelzorger");
        await carer.GetByRole(AriaRole.Link, new() { Name = "Hulp vragen", Exact = true }).ClickAsync();
        await carer.GetByLabel("Vervangende zorg").CheckAsync();
        await Assertions.Expect(carer.GetByLabel("Eerst mijn eigen kring vragen")).ToBeCheckedAsync();
        await carer.GetByLabel("Datum").FillAsync(thursday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await carer.GetByLabel("Van", new() { Exact = true }).FillAsync("10:00");
        await carer.GetByLabel("Tot", new() { Exact = true }).FillAsync("12:00");
        await carer.GetByRole(AriaRole.Button, new() { Name = "Hulpvraag versturen" }).ClickAsync();
        await Assertions.Expect(carer.GetByText("Eerst ziet uw eigen kring hem")).ToBeVisibleAsync();

        var dutchDate = thursday.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("nl-NL"));
        var family = await browser.Phone();
        await Pages.SignIn(family, "familie");
        var header = family.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" });
        await header.GetByRole(AriaRole.Link, new() { Name = "Mijn kring", Exact = true }).ClickAsync();
        var asked = family.GetByRole(AriaRole.List, new() { Name = "Hulp gevraagd" }).Locator(".card", new() { HasText = dutchDate });
        await Assertions.Expect(asked).ToContainTextAsync("Alleen de eigen kring ziet dit");
        Assert.Empty(await Pages.SeriousViolations(family));
        await Pages.Screenshot(family, "familie-mijn-kring");
        await asked.GetByRole(AriaRole.Button, new() { Name = "Ik doe het" }).ClickAsync();
        await Assertions.Expect(family.GetByRole(AriaRole.Status)).ToContainTextAsync("Dank u! U staat in de agenda");
        var planned = family.GetByRole(AriaRole.List, new() { Name = "Agenda van de kring" })
            .Locator(".card", new() { HasText = dutchDate });
        await Assertions.Expect(planned).ToContainTextAsync(new Regex(@"Fenna.*\(eigen kring\) komt\."));

        await carer.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Hulpvragen", Exact = true }).ClickAsync();
        var request = carer.Locator(".card", new() { HasText = $"{dutchDate}, 10:00" });
        await Assertions.Expect(request.GetByText("gekoppeld")).ToBeVisibleAsync();
        await Assertions.Expect(request).ToContainTextAsync("Fenna");

        var offers = await volunteerApi.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/offers");
        Assert.DoesNotContain(offers.EnumerateArray(), o => o.GetProperty("start").GetDateTimeOffset() == thursday.AddHours(10));
    }

    [Fact]
    public async Task An_invited_neighbour_follows_the_link_in_the_mail_chooses_a_password_and_finds_the_circle()
    {
        var email = $"buur-{Guid.NewGuid():N}@example.org";
        var carer = await browser.Phone();
        await Pages.SignIn(carer, "mantelzorger");
        var header = carer.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" });
        await header.GetByRole(AriaRole.Link, new() { Name = "Eigen kring", Exact = true }).ClickAsync();
        await carer.GetByLabel("Naam").FillAsync("Bram Buurman");
        await carer.GetByLabel("E-mailadres").FillAsync(email);
        await carer.GetByLabel("Relatie").SelectOptionAsync(new SelectOptionValue { Label = "buur" });
        Assert.Empty(await Pages.SeriousViolations(carer));
        await carer.GetByRole(AriaRole.Button, new() { Name = "Uitnodiging mailen" }).ClickAsync();
        await Assertions.Expect(carer.GetByText("We hebben Bram Buurman een uitnodiging gemaild")).ToBeVisibleAsync();
        await Assertions.Expect(carer.GetByRole(AriaRole.List, new() { Name = "Wie hoort erbij" })).ToContainTextAsync("Bram Buurman");

        var mail = await browser.Smtp.WaitFor(
            email, m => (m.Subject ?? "").Contains("eigen kring", StringComparison.Ordinal), "the invitation");
        var link = SignInLink().Match(mail.TextBody!).Value;
        var code = ActivationCode().Match(mail.TextBody!).Groups[1].Value;

        var neighbour = await browser.Phone();
        await neighbour.GotoAsync(link);
        await Assertions.Expect(neighbour.GetByLabel("Gebruikersnaam")).ToHaveValueAsync(new Regex("^bram-"));
        await neighbour.GetByLabel("Wachtwoord").FillAsync(code);
        await neighbour.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Assertions.Expect(neighbour).ToHaveURLAsync(new Regex("/Wachtwoord$"));
        await neighbour.GetByLabel("Activeringscode").FillAsync(code);
        await neighbour.GetByLabel("Nieuw wachtwoord").FillAsync("buren-helpen-elkaar-9");
        await neighbour.GetByLabel("Herhaal het nieuwe wachtwoord").FillAsync("buren-helpen-elkaar-9");
        await neighbour.GetByRole(AriaRole.Button, new() { Name = "Wachtwoord opslaan" }).ClickAsync();
        await Assertions.Expect(neighbour.GetByRole(AriaRole.Heading, new() { Name = "Welkom bij Kring" })).ToBeVisibleAsync();

        var menu = neighbour.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" });
        await menu.GetByRole(AriaRole.Link, new() { Name = "Mijn kring", Exact = true }).ClickAsync();
        await Assertions.Expect(neighbour.GetByRole(AriaRole.Heading, new() { Name = "De kring van Marij" })).ToBeVisibleAsync();
        await neighbour.GetByLabel("In uw eigen woorden").FillAsync("doordeweeks na vijven");
        await neighbour.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(neighbour.GetByRole(AriaRole.Status)).ToContainTextAsync("Opgeslagen");

        await carer.ReloadAsync();
        await Assertions.Expect(carer.GetByRole(AriaRole.List, new() { Name = "Wie hoort erbij" }).Locator(".card",
            new() { HasText = "Bram Buurman" })).ToContainTextAsync("doordeweeks na vijven");
    }

    [GeneratedRegex(@"https?://\S+/Inloggen\?gebruiker=\S+")]
    private static partial Regex SignInLink();

    [GeneratedRegex(@"eenmalige code: (\S+)")]
    private static partial Regex ActivationCode();
}
