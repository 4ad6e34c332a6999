using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Kring.Testing;
using Kring.Web.Tests.Security;

namespace Kring.Web.Tests;

/// <summary>
/// The consultant's check-in, signals, appreciation and monthly report in English: the words these pages used to show in
/// Dutch whatever the language (their own, the report's lines and the grains' messages) must all be gone.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class EnglishPagesTests(SharedApp shared)
{
    /// <summary>The header the consultant sees, and the Dutch of each page; names, places and typed reasons are not in them.</summary>
    private static readonly string[] HeaderDutch = ["Hoe gaat het", "Signalen", "Rapport", "Kringen", "Hulpvragen", "Uitloggen"];

    private static readonly string[] CheckInDutch =
    [
        "Hoe gaat het met u", "Vijf korte vragen", "Beantwoord", "bijvoorbeeld", "Hoe zwaar", "Hoe vaak", "Hoe moe", "Hoe weinig",
        "Versturen", "Dank u wel", "Uw score", "zwaar", "mantelzorgconsulent",
    ];

    private static readonly string[] SignalsDutch =
    [
        "Mantelzorgers die aandacht", "Er zijn nu geen signalen", "Overbelast", "Stijgende belasting", "Doorverwezen door",
        ", dorpscontactpersoon", ", sleutelfiguur", "Afgehandeld", "Check-in van", "Contacten", "Hulpvragen van deze kring",
        "Nieuwe check-in", "Mantelzorgwaardering",
    ];

    private static readonly string[] AppreciationDutch =
    [
        "Mantelzorgwaardering", "Iedere geregistreerde", "hebben de waardering", "Jaar", "Toon", "Mantelzorger", "Dorp",
        "Ontvangen", "Markeer als ontvangen", "Brief", "worden getoond",
    ];

    private static readonly string[] LetterDutch =
    [
        "Brief mantelzorgwaardering", "Mantelzorgwaardering", "Beste", "U zorgt voor", "cadeaubon", "Met vriendelijke groet",
        "Gemeente en partners", "Terug naar de lijst",
    ];

    private static readonly string[] ReportDutch =
    [
        "Maandrapport", "Dorp", "Maand", "Toon", "Download als CSV", "Aantallen", "Kenmerk", "Waarde", "Grafiek", "hulpvragen",
        "koppeling", "vrijwilligers", "maatje", "vervangende zorg", "gekoppeld", "vulgraad", "mediane", "uren", "nacht", "ochtend",
        "middag", "avond", "maandag", "zondag", "Samenwerking", "Kwartaal", "Gemiddeld", "We weten waar", "helemaal",
    ];

    private KringApp App => shared.App;

    [Fact]
    public async Task The_check_in_signals_appreciation_and_report_are_in_English()
    {
        var (_, circleId) = await TestAccounts.NewCarerWithCircle(App, "english");
        var (_, referredId) = await TestAccounts.NewCarerWithCircle(App, "referred");
        var contact = await App.SignedIn("dorp-elsloo");
        Assert.Equal(HttpStatusCode.Created, (await contact.PostAsJsonAsync($"/api/v1/circles/{referredId}/referrals",
            new { reason = "Graag even bellen." })).StatusCode);
        var consultant = App.Client();
        var session = await consultant.PostAsJsonAsync("/api/v1/session", new { username = "consulent", password = "kring-demo" });
        session.EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Redirect, (await consultant.GetAsync("/Taal?taal=en")).StatusCode);

        var checkIn = await EnglishPage(consultant, $"/Balans?kring={circleId}", "How are you?", CheckInDutch);
        Assert.Contains("How heavy does caring for the person close to you feel right now?", checkIn);
        // Answered at the maximum: the page thanks in English, and the grain's Dutch signal shows in English on the signals.
        var form = await Forms.Read(consultant, $"/Balans?kring={circleId}");
        var answers = Kring.Balance.BalanceCheck.Questions
            .ToDictionary(q => $"Answers[{q.Id}]", q => q.Max.ToString(CultureInfo.InvariantCulture));
        answers["Kring"] = circleId;
        var answered = await consultant.PostAsync("/Balans", form.With(answers));
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var thanks = Visible(await answered.Content.ReadAsStringAsync());
        Assert.Contains("Thank you. Your score is 100 out of 100: that is heavy.", thanks);
        AssertNoDutch("/Balans (answered)", thanks, CheckInDutch);

        var signals = await EnglishPage(consultant, "/Signalen", "Carers who need attention", SignalsDutch);
        Assert.Contains("Overloaded: score 100 out of 100.", signals);
        // The referrer's role is translated; what they wrote stays as they wrote it.
        Assert.Contains("Referred by Daan Fictief (demo-dorpscontactpersoon Elsloo), village contact person", signals);
        Assert.Contains("Graag even bellen.", signals);
        await EnglishPage(consultant, "/Waardering?jaar=2031", "Carer appreciation 2031", AppreciationDutch);
        await EnglishPage(consultant, $"/Waardering/Brief?kring={circleId}&jaar=2031", "Dear Proef Persoon,", LetterDutch);
        var report = await EnglishPage(consultant, "/Rapport?dorp=elsloo", "Monthly report Elsloo", ReportDutch);
        Assert.Contains("Monday morning", report);
        Assert.Contains("fill rate (%)", report);
    }

    /// <summary>Reads a page as the signed-in client, in English; returns its visible text (title, header and main).</summary>
    private static async Task<string> EnglishPage(HttpClient client, string path, string expected, string[] dutch)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", html);
        var text = Visible(html);
        Assert.Contains(expected, text);
        AssertNoDutch(path, text, dutch);
        return text;
    }

    private static void AssertNoDutch(string path, string text, string[] dutch)
    {
        var left = HeaderDutch.Concat(dutch)
            .Where(word => Regex.IsMatch(text, $@"(?<!\p{{L}}){Regex.Escape(word)}(?!\p{{L}})"))
            .Distinct()
            .ToList();
        Assert.True(left.Count == 0, $"{path} in English still shows: {string.Join(", ", left)}");
    }

    /// <summary>What a reader gets of the page: the title, the header and the main part, as text, with their labels.</summary>
    private static string Visible(string html)
    {
        var parts = string.Concat(
            Regex.Matches(html, "<title>.*?</title>|<header>.*?</header>|<main[^>]*>.*?</main>", RegexOptions.Singleline)
                .Select(m => m.Value));
        var labels = Regex.Matches(parts, "(?:aria-label|title|alt|placeholder)=\"([^\"]*)\"").Select(m => m.Groups[1].Value);
        var text = Regex.Replace(parts, "<[^>]*>", " ");
        return WebUtility.HtmlDecode(string.Join(" ", labels.Append(text)));
    }
}
