using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Kring.Testing;
using Microsoft.Playwright;

namespace Kring.Browser.Tests;

/// <summary>The volunteer answers from the offer mail, as they would on their phone: follow the link, tap the button.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class MailAnswerTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_volunteer_follows_the_link_in_the_offer_mail_and_taps_yes()
    {
        var volunteerApi = await browser.App.SignedIn("vrijwilliger");
        (await volunteerApi.PutAsJsonAsync("/api/v1/volunteers/me/availability",
            new { weekly = new[] { new { day = "sunday", from = "09:00", to = "12:00" } } })).EnsureSuccessStatusCode();
        // Sunday: no other browser test books the demo volunteer then.
        var start = Journey.NextMonday(10).AddDays(6);
        var (requestId, location) = await Journey.AskBuddy(await browser.App.SignedIn("mantelzorger"), start, start.AddHours(1));

        var mail = await browser.Smtp.WaitFor("vrijwilliger@example.org", m => (m.TextBody ?? "").Contains(requestId), "the offer mail");
        var yes = AnswerLink().Matches(mail.TextBody!).Select(m => m.Value).Single(l => l.Contains("a=ja&", StringComparison.Ordinal));

        var page = await browser.Phone();
        await page.GotoAsync(yes);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uw antwoord" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Elsloo")).ToBeVisibleAsync();
        await Pages.Screenshot(page, "antwoord-uit-mail");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, ik help" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De hulpvraag is aan u gekoppeld");

        Assert.Equal("matched", await Journey.Status(await browser.App.SignedIn("mantelzorger"), location));
    }

    [Fact]
    public async Task A_new_offer_appears_on_the_volunteers_open_page_without_reloading()
    {
        var volunteerApi = await browser.App.SignedIn("vrijwilliger");
        (await volunteerApi.PutAsJsonAsync("/api/v1/volunteers/me/availability",
            new { weekly = new[] { new { day = "saturday", from = "09:00", to = "12:00" } } })).EnsureSuccessStatusCode();
        var page = await browser.Phone();
        await Pages.SignIn(page, "vrijwilliger");
        var header = page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" });
        await header.GetByRole(AriaRole.Link, new() { Name = "Mijn aanvragen", Exact = true }).ClickAsync();
        var start = Journey.NextMonday(10).AddDays(5);
        var dutchDate = start.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"));
        var card = page.Locator(".card.offer", new() { HasText = $"{dutchDate}, 10:00" });
        await Assertions.Expect(card).ToHaveCountAsync(0);

        await Journey.AskBuddy(await browser.App.SignedIn("mantelzorger"), start, start.AddHours(1));

        await Assertions.Expect(card).ToHaveCountAsync(1);
        await card.GetByRole(AriaRole.Button, new() { Name = "Ja, ik help" }).ClickAsync();
        await Assertions.Expect(page.GetByText("U heeft de hulpvraag aangenomen.")).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"https?://\S+/Antwoord\?\S+")]
    private static partial Regex AnswerLink();
}
