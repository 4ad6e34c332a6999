using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;
using Microsoft.Extensions.DependencyInjection;
using Kring.Web.Tests.Security;

namespace Kring.Web.Tests;

/// <summary>
/// The village contact person logs a call with a carer and refers them; the consultant reads both, and the referral is
/// a signal with its source.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ContactLogApiTests(SharedApp shared)
{
    private KringApp App => shared.App;

    [Fact]
    public async Task A_logged_call_and_a_referral_reach_the_consultant_with_their_source()
    {
        var (_, circleId) = await TestAccounts.NewCarerWithCircle(App, "contact");
        var contact = await App.SignedIn("dorp-elsloo", "kring-demo");
        var consultant = await App.SignedIn("consulent", "kring-demo");

        var logged = await contact.PostAsJsonAsync($"/api/v1/circles/{circleId}/contacts",
            new { kind = "call", note = "Gebeld: het gaat zwaar, de nachten zijn onrustig." });
        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        var referred = await contact.PostAsJsonAsync($"/api/v1/circles/{circleId}/referrals",
            new { reason = "Zoekt vervangende zorg voor de nacht." });
        Assert.Equal(HttpStatusCode.Created, referred.StatusCode);

        var contacts = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/circles/{circleId}/contacts");
        Assert.Equal(["referral", "call"], contacts.EnumerateArray().Select(c => c.GetProperty("kind").GetString()!).ToArray());
        Assert.All(contacts.EnumerateArray(), c => Assert.Equal("dorp-elsloo", c.GetProperty("by").GetString()));
        Assert.Contains("dorpscontactpersoon", contacts[1].GetProperty("source").GetString(), StringComparison.Ordinal);

        var signals = await consultant.GetFromJsonAsync<JsonElement>("/api/v1/signals");
        var signal = Assert.Single(signals.EnumerateArray(), s => s.GetProperty("circleId").GetString() == circleId);
        Assert.Equal("Zoekt vervangende zorg voor de nacht.", signal.GetProperty("reason").GetString());
        Assert.Contains("dorpscontactpersoon", signal.GetProperty("source").GetString(), StringComparison.Ordinal);

        var quiet = await contact.GetFromJsonAsync<JsonElement>("/api/v1/villages/elsloo/quiet?weeks=4");
        Assert.DoesNotContain(quiet.EnumerateArray(), q => q.GetProperty("circleId").GetString() == circleId);
    }

    [Fact]
    public async Task The_village_contact_asks_for_help_only_saying_how_the_carer_agreed_and_the_consent_is_logged()
    {
        var (_, circleId) = await TestAccounts.NewCarerWithCircle(App, "namens");
        var contact = await App.SignedIn("dorp-elsloo", "kring-demo");
        var start = Journey.Day(6);
        var body = new Dictionary<string, object>
        {
            ["kind"] = "buddy",
            ["start"] = start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["end"] = start.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        };

        var refused = await contact.PostAsJsonAsync($"/api/v1/circles/{circleId}/requests", body);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("carerConsent", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        body["carerConsent"] = "telefonisch gevraagd, ze wil graag een maatje";
        var filed = await contact.PostAsJsonAsync($"/api/v1/circles/{circleId}/requests", body);
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);

        var contacts = await contact.GetFromJsonAsync<JsonElement>($"/api/v1/circles/{circleId}/contacts");
        var logged = Assert.Single(contacts.EnumerateArray());
        Assert.Equal("filedWithConsent", logged.GetProperty("kind").GetString());
        Assert.Contains("telefonisch gevraagd", logged.GetProperty("note").GetString(), StringComparison.Ordinal);
        var urmond = $"c-urmond-{Guid.NewGuid():N}"[..20];
        await App.Services.GetRequiredService<IGrainFactory>().GetGrain<ICarerCircleGrain>(urmond).Register(
            new CircleProfile(urmond, "urmond", "Proef Elders", 70, "Proef Naaste", "partner", [], null, null));
        var elsewhere = await contact.PostAsJsonAsync($"/api/v1/circles/{urmond}/requests", body);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
    }

    [Fact]
    public async Task A_key_figure_sees_and_refers_only_a_carer_who_agreed()
    {
        var (carerName, circleId) = await TestAccounts.NewCarerWithCircle(App, "sleutel");
        var carer = await App.SignedIn(carerName, TestAccounts.Password);
        var keyFigure = await App.SignedIn("sleutelfiguur", "kring-demo");
        var contacts = $"/api/v1/circles/{circleId}/contacts";

        Assert.Equal(HttpStatusCode.Forbidden, (await keyFigure.GetAsync(contacts)).StatusCode);
        var early = await keyFigure.PostAsJsonAsync($"/api/v1/circles/{circleId}/referrals", new { reason = "Graag bellen." });
        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await keyFigure.GetAsync("/api/v1/villages/elsloo/quiet")).StatusCode);

        var agreed = await carer.PutAsJsonAsync("/api/v1/circles/mine/key-figures", new { visible = true });
        Assert.Equal(HttpStatusCode.NoContent, agreed.StatusCode);
        var logged = await keyFigure.PostAsJsonAsync(contacts, new { kind = "visit", note = "Even langs geweest." });
        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        var referred = await keyFigure.PostAsJsonAsync($"/api/v1/circles/{circleId}/referrals", new { reason = "Graag bellen." });
        Assert.Equal(HttpStatusCode.Created, referred.StatusCode);
        Assert.Contains("sleutelfiguur", (await referred.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("source").GetString(),
            StringComparison.Ordinal);
        var asked = await keyFigure.PostAsJsonAsync($"/api/v1/circles/{circleId}/requests", new { kind = "buddy" });
        Assert.Equal(HttpStatusCode.Forbidden, asked.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent,
            (await carer.PutAsJsonAsync("/api/v1/circles/mine/key-figures", new { visible = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await keyFigure.GetAsync(contacts)).StatusCode);
    }

    [Fact]
    public async Task Bad_input_gets_a_problem_per_field_and_the_consultant_does_not_refer()
    {
        var (_, circleId) = await TestAccounts.NewCarerWithCircle(App, "contact");
        var contact = await App.SignedIn("dorp-elsloo", "kring-demo");
        var consultant = await App.SignedIn("consulent", "kring-demo");

        var future = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var bad = await contact.PostAsJsonAsync($"/api/v1/circles/{circleId}/contacts",
            new { kind = "brief", note = new string('x', 501), date = future });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _));
        Assert.True(errors.TryGetProperty("note", out _));
        Assert.True(errors.TryGetProperty("date", out _));

        var byConsultant = await consultant.PostAsJsonAsync($"/api/v1/circles/{circleId}/referrals", new { reason = "Even bellen." });
        Assert.Equal(HttpStatusCode.Forbidden, byConsultant.StatusCode);
        Assert.Empty(await consultant.GetFromJsonAsync<JsonElement[]>($"/api/v1/circles/{circleId}/contacts") ?? []);
    }
}
