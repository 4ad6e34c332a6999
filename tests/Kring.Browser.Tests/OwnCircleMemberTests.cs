using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kring.Testing;
using Microsoft.Playwright;

namespace Kring.Browser.Tests;

/// <summary>
/// A member's life in the own circle on the phone: they give a booking back with <em>Kan toch niet</em>, the carer lets
/// them see only their own part, and then takes them out of the circle, which ends their visit.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OwnCircleMemberTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_member_gives_a_booking_back_and_the_carer_narrows_what_they_see_then_takes_them_out_of_the_circle()
    {
        var carerApi = await browser.App.SignedIn("mantelzorger");
        var email = $"otto-{Guid.NewGuid():N}@example.org";
        var invited = await carerApi.PostAsJsonAsync("/api/v1/circles/mine/members", new { name = "Otto Oom", email, relation = "family" });
        var member = await invited.Content.ReadFromJsonAsync<JsonElement>();
        var userName = member.GetProperty("userName").GetString()!;
        (await browser.App.Activate(userName, member.GetProperty("activationCode").GetString()!, "oom-otto-helpt-7")).Dispose();
        var friday = Journey.NextMonday(0).AddDays(4 + 21);
        var filed = await carerApi.PostAsJsonAsync("/api/v1/circles/mine/requests", new
        {
            kind = "buddy",
            circleFirst = true,
            start = friday.AddHours(15).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            end = friday.AddHours(17).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        });
        filed.EnsureSuccessStatusCode();
        var dutchDate = friday.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("nl-NL")) + ", 15:00"; // other tests use the day

        var otto = await browser.Phone();
        await Pages.SignIn(otto, userName, "oom-otto-helpt-7");
        await otto.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Mijn kring", Exact = true }).ClickAsync();
        await otto.GetByRole(AriaRole.List, new() { Name = "Hulp gevraagd" }).Locator(".card", new() { HasText = dutchDate })
            .GetByRole(AriaRole.Button, new() { Name = "Ik doe het" }).ClickAsync();
        var booked = otto.GetByRole(AriaRole.List, new() { Name = "Mijn afspraken" }).Locator(".card", new() { HasText = dutchDate });
        await booked.Locator("summary", new() { HasText = "Kan toch niet" }).ClickAsync();
        await booked.GetByLabel("Waarom niet?").FillAsync("de auto is kapot");
        Assert.Empty(await Pages.SeriousViolations(otto));
        await booked.GetByRole(AriaRole.Button, new() { Name = "Ik kan toch niet" }).ClickAsync();
        await Assertions.Expect(otto.GetByRole(AriaRole.Status)).ToContainTextAsync("Jammer dat het niet lukt");
        await Assertions.Expect(otto.GetByText("U heeft geen afspraken die nog komen.")).ToBeVisibleAsync();
        await Assertions.Expect(otto.GetByRole(AriaRole.List, new() { Name = "Hulp gevraagd" })).ToContainTextAsync(dutchDate);

        var carer = await browser.Phone();
        await Pages.SignIn(carer, "mantelzorger");
        await carer.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })
            .GetByRole(AriaRole.Link, new() { Name = "Eigen kring", Exact = true }).ClickAsync();
        var card = carer.GetByRole(AriaRole.List, new() { Name = "Wie hoort erbij" }).Locator(".card", new() { HasText = "Otto Oom" });
        await card.GetByLabel("Otto Oom ziet")
            .SelectOptionAsync(new SelectOptionValue { Label = "alleen wat gevraagd wordt en de eigen afspraken" });
        await card.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(carer.GetByRole(AriaRole.Status)).ToContainTextAsync("Opgeslagen.");
        await otto.ReloadAsync();
        await Assertions.Expect(otto.GetByText("Marij laat u zien wat er gevraagd wordt")).ToBeVisibleAsync();

        card = carer.GetByRole(AriaRole.List, new() { Name = "Wie hoort erbij" }).Locator(".card", new() { HasText = "Otto Oom" });
        await card.Locator("summary", new() { HasText = "Uit de kring halen" }).ClickAsync();
        Assert.Empty(await Pages.SeriousViolations(carer));
        await card.GetByRole(AriaRole.Button, new() { Name = "Otto Oom uit de kring halen" }).ClickAsync();
        await Assertions.Expect(carer.GetByRole(AriaRole.Status)).ToContainTextAsync("Otto Oom hoort niet meer bij de eigen kring.");
        await Assertions.Expect(carer.GetByRole(AriaRole.List, new() { Name = "Wie hoort erbij" })).Not.ToContainTextAsync("Otto Oom");

        await otto.ReloadAsync();
        await Assertions.Expect(otto).ToHaveURLAsync(new Regex("/Inloggen", RegexOptions.IgnoreCase));
        await browser.Smtp.WaitFor(email, m => (m.Subject ?? "").StartsWith("U hoort niet meer bij de eigen kring van Marij",
            StringComparison.Ordinal), "the mail that Otto is out of the circle");
        (await carerApi.PostAsync($"{filed.Headers.Location}/cancel", null)).EnsureSuccessStatusCode();
    }
}
