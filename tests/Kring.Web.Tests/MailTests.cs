using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kring.Testing;
using Kring.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Kring.Web.Tests;

/// <summary>The application with a real SMTP server on loopback, which receives what Kring sends.</summary>
public sealed class MailApp : IAsyncLifetime
{
    public SmtpSink Smtp { get; private set; } = default!;
    public KringApp App { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Smtp = await SmtpSink.Started();
        App = await KringApp.Start(null, Smtp.Settings);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>Offers reach the volunteer by mail with one-tap answers; the carer hears who is coming.</summary>
public sealed partial class MailTests(MailApp mail) : IClassFixture<MailApp>
{
    private const string VolunteerAddress = "vrijwilliger@example.org";
    private const string CarerAddress = "mantelzorger@example.org";

    private KringApp App => mail.App;
    private SmtpSink Smtp => mail.Smtp;

    [Fact]
    public async Task An_offer_mail_answers_with_one_tap_and_the_carer_hears_who_is_coming()
    {
        var (requestId, location) = await AskBuddyOn(DayOfWeek.Thursday);

        var offer = await Smtp.WaitFor(VolunteerAddress, m => Text(m).Contains(requestId), "the offer mail");
        var text = Text(offer);
        Assert.StartsWith("Kunt u helpen? Maatje in Elsloo", offer.Subject);
        Assert.Contains("parkinson", text);
        foreach (var personal in new[] { "Marij", "Proefmans", "Demostraat", "06-00000000", "wandeling" }) Assert.DoesNotContain(personal,
            text);
        Assert.Contains("@kring", offer.MessageId);
        var yes = Link(text, "ja");
        Assert.StartsWith(App.Address.ToString().TrimEnd('/'), yes);

        // Opening the link, as a mail scanner does, changes nothing.
        var browser = App.Client();
        var page = await browser.GetAsync(yes);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Ja, ik help", await page.Content.ReadAsStringAsync());
        var carer = await App.SignedIn("mantelzorger");
        Assert.Equal("offered", await Journey.Status(carer, location));

        var answered = await Press(browser, yes);
        Assert.Contains("De hulpvraag is aan u gekoppeld", answered);
        Assert.Equal("matched", await Journey.Status(carer, location));

        var coming = await Smtp.WaitFor(CarerAddress, m => m.Subject?.StartsWith("Er komt hulp", StringComparison.Ordinal) == true,
            "the carer's mail");
        Assert.Contains("Vera komt als maatje", Text(coming));
        var request = await carer.GetFromJsonAsync<JsonElement>(location);
        Assert.Equal("Vera", request.GetProperty("helper").GetProperty("firstName").GetString());

        // The same link a second time says what happened.
        Assert.Contains("al aangenomen", await (await browser.GetAsync(yes)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_tampered_link_or_a_link_to_someone_elses_offer_is_refused_with_a_clear_page()
    {
        var (requestId, location) = await AskBuddyOn(DayOfWeek.Tuesday);
        var offer = await Smtp.WaitFor(VolunteerAddress, m => Text(m).Contains(requestId), "the offer mail");
        var yes = Link(Text(offer), "ja");
        var browser = App.Client();

        var tampered = Regex.Replace(yes, "t=([0-9a-f])", m => "t=" + (m.Groups[1].Value == "0" ? "1" : "0"));
        var otherVolunteer = yes.Replace("?v=v-demo&", "?v=v-001&", StringComparison.Ordinal);
        foreach (var bad in new[] { tampered, otherVolunteer, yes.Replace("a=ja", "a=misschien", StringComparison.Ordinal) })
        {
            var response = await browser.GetAsync(bad);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("Deze link is niet geldig", await response.Content.ReadAsStringAsync());
        }
        // A tampered token cannot answer either.
        var form = await Forms.Read(browser, yes);
        var query = QueryOf(tampered);
        var posted = await browser.PostAsync("/Antwoord", form.With(query));
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal("offered", await Journey.Status(await App.SignedIn("mantelzorger"), location));
    }

    [Fact]
    public async Task Mail_queued_while_the_SMTP_server_is_down_arrives_once_it_is_back()
    {
        await Smtp.Stop();
        var (requestId, _) = await AskBuddyOn(DayOfWeek.Friday);
        var grains = App.Services.GetRequiredService<IGrainFactory>();
        var outbox = grains.GetGrain<IMailOutboxGrain>(MailOutboxes.For(VolunteerAddress));
        await Eventually.Get(async () => (await outbox.GetStatus()).Retrying > 0 ? "retrying" : null, "a failed delivery",
            TimeSpan.FromSeconds(30));

        await Smtp.Start();
        var offer = await Smtp.WaitFor(VolunteerAddress, m => Text(m).Contains(requestId), "the offer mail after the outage",
            TimeSpan.FromSeconds(60));
        await Eventually.Get(async () => (await outbox.GetStatus()).Pending == 0 ? "empty" : null, "the outbox to empty");
        Assert.Single(Smtp.Received, m => m.MessageId == offer.MessageId);
    }

    [Fact]
    public async Task A_volunteer_who_cannot_come_gives_the_booking_back_and_the_carer_is_told()
    {
        var (requestId, location) = await AskBuddyOn(DayOfWeek.Monday);
        var volunteer = await App.SignedIn("vrijwilliger");
        var offerId = await Journey.OfferFor(volunteer, requestId);
        Assert.Equal(HttpStatusCode.OK, (await volunteer.PostAsync($"/api/v1/offers/{offerId}/accept", null)).StatusCode);

        var noReason = await volunteer.PostAsJsonAsync($"/api/v1/volunteers/me/assignments/{requestId}/withdraw", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var withdraw = await volunteer.PostAsJsonAsync($"/api/v1/volunteers/me/assignments/{requestId}/withdraw", new { reason = "griep" });
        Assert.Equal(HttpStatusCode.OK, withdraw.StatusCode);
        var again = await volunteer.PostAsJsonAsync($"/api/v1/volunteers/me/assignments/{requestId}/withdraw", new { reason = "griep" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var carer = await App.SignedIn("mantelzorger");
        var request = await carer.GetFromJsonAsync<JsonElement>(location);
        Assert.NotEqual("matched", request.GetProperty("status").GetString());
        Assert.Contains(request.GetProperty("history").EnumerateArray(), e => e.GetProperty("what")
            .GetString()!.Contains("kan toch niet: griep"));
        var told = await Smtp.WaitFor(CarerAddress, m => m.Subject?.StartsWith("Wijziging", StringComparison.Ordinal) == true && Text(m)
            .Contains("Vera kan op"), "the carer's mail");
        Assert.Contains("andere vrijwilliger", Text(told));
        var assignments = await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/assignments");
        Assert.DoesNotContain(assignments.EnumerateArray(), a => a.GetProperty("requestId").GetString() == requestId);
        var offers = await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/offers");
        Assert.DoesNotContain(offers.EnumerateArray(), o => o.GetProperty("requestId").GetString() == requestId && o.GetProperty("status")
            .GetString() == "pending");
    }

    [Fact]
    public async Task A_carer_cancels_a_matched_request_and_the_volunteer_is_told_and_free_again()
    {
        var (requestId, location) = await AskBuddyOn(DayOfWeek.Wednesday);
        var volunteer = await App.SignedIn("vrijwilliger");
        var offerId = await Journey.OfferFor(volunteer, requestId);
        Assert.Equal(HttpStatusCode.OK, (await volunteer.PostAsync($"/api/v1/offers/{offerId}/accept", null)).StatusCode);

        var carer = await App.SignedIn("mantelzorger");
        var cancelled = await carer.PostAsync($"{location}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", await Journey.Status(carer, location));

        await Smtp.WaitFor(VolunteerAddress, m => m.Subject?.StartsWith("Geannuleerd", StringComparison.Ordinal) == true,
            "the volunteer's mail");
        await Eventually.Get(async () =>
        {
            var assignments = await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/assignments");
            return assignments.EnumerateArray().Any(a => a.GetProperty("requestId").GetString() == requestId) ? null : "free";
        }, "the volunteer's time to be free again");
    }

    [Fact]
    public async Task A_booking_is_reported_done_only_after_its_end_with_sensible_hours()
    {
        var (requestId, _) = await AskBuddyOn(DayOfWeek.Saturday);
        var volunteer = await App.SignedIn("vrijwilliger");
        var offerId = await Journey.OfferFor(volunteer, requestId);
        Assert.Equal(HttpStatusCode.OK, (await volunteer.PostAsync($"/api/v1/offers/{offerId}/accept", null)).StatusCode);

        var zero = await volunteer.PostAsJsonAsync($"/api/v1/volunteers/me/assignments/{requestId}/complete", new { hours = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        var noReason = await volunteer.PostAsJsonAsync($"/api/v1/volunteers/me/assignments/{requestId}/complete", new { happened = false });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var early = await volunteer.PostAsJsonAsync($"/api/v1/volunteers/me/assignments/{requestId}/complete", new { hours = 1 });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("notEndedYet", (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString());
    }

    /// <summary>The demo volunteer is free on that day of next week; the demo carer asks for a maatje then.</summary>
    private async Task<(string RequestId, Uri Location)> AskBuddyOn(DayOfWeek day)
    {
        var volunteer = await App.SignedIn("vrijwilliger");
        var days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday" };
        var set = await volunteer.PutAsJsonAsync("/api/v1/volunteers/me/availability",
            new { weekly = days.Select(d => new { day = d, from = "09:00", to = "12:00" }).ToArray() });
        set.EnsureSuccessStatusCode();
        var start = Journey.NextMonday(10).AddDays(((int)day + 6) % 7);
        return await Journey.AskBuddy(await App.SignedIn("mantelzorger"), start, start.AddHours(1));
    }

    private static async Task<string> Press(HttpClient browser, string link)
    {
        var form = await Forms.Read(browser, link);
        var response = await browser.PostAsync("/Antwoord", form.With(QueryOf(link)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static Dictionary<string, string> QueryOf(string link) =>
        new Uri(link).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));

    private static string Text(MimeMessage message) => message.TextBody ?? "";

    private static string Link(string text, string answer) =>
        AnswerLink().Matches(text).Select(m => m.Value).Single(l => l.Contains($"a={answer}&", StringComparison.Ordinal));

    [GeneratedRegex(@"https?://\S+/Antwoord\?\S+")]
    private static partial Regex AnswerLink();
}
