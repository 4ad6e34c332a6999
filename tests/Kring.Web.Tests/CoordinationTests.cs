using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class CoordinationTests(SharedApp shared)
{
    private static readonly string[] Taxi = ["taxi"];
    private static readonly string[] Parkinson = ["parkinson"];

    private KringApp App => shared.App;

    [Fact]
    public async Task A_coordinator_assigns_and_unassigns_with_a_reason_that_stays_in_the_history()
    {
        var consultant = await App.SignedIn("consulent");
        var coordinator = await App.SignedIn("coordinator");
        var sunday = Journey.NextMonday(3).AddDays(-1);
        var filed = await consultant.PostAsJsonAsync("/api/v1/circles/c-0003/requests",
            new { kind = "buddy", start = sunday.ToString("o"), end = sunday.AddHours(1).ToString("o") });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var requestPath = filed.Headers.Location!.ToString();

        var noReason = await coordinator.PostAsJsonAsync($"{requestPath}/assign", new { volunteerId = "v-demo", reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var assign = await coordinator.PostAsJsonAsync($"{requestPath}/assign",
            new { volunteerId = "v-demo", reason = "Bekende vrijwilliger van de familie" });
        Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        var matched = await consultant.GetFromJsonAsync<JsonElement>(requestPath);
        Assert.Equal("matched", matched.GetProperty("status").GetString());
        Assert.Contains(matched.GetProperty("history").EnumerateArray(), e => e.GetProperty("what")
            .GetString()!.Contains("Bekende vrijwilliger van de familie"));

        var unassign = await coordinator.PostAsJsonAsync($"{requestPath}/unassign", new { reason = "Vrijwilliger verhuist" });
        Assert.Equal(HttpStatusCode.OK, unassign.StatusCode);
        var reopened = await consultant.GetFromJsonAsync<JsonElement>(requestPath);
        Assert.Equal("open", reopened.GetProperty("status").GetString());
        Assert.Contains(reopened.GetProperty("history").EnumerateArray(), e => e.GetProperty("what")
            .GetString()!.Contains("Vrijwilliger verhuist"));
    }

    [Fact]
    public async Task A_request_the_coordinator_assigns_leaves_their_queue_at_once()
    {
        // Nobody helps at three in the night, so the request goes to the queue of PIW, which offers maatjes.
        var consultant = await App.SignedIn("consulent");
        var coordinator = await App.SignedIn("coordinator");
        var night = Journey.NextMonday(3).AddDays(9);
        var filed = await consultant.PostAsJsonAsync("/api/v1/circles/c-0005/requests",
            new { kind = "buddy", start = night.ToString("o"), end = night.AddHours(1).ToString("o") });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var requestPath = filed.Headers.Location!.ToString();
        var requestId = requestPath[(requestPath.LastIndexOf('/') + 1)..];
        await Eventually.Get(async () => (await QueuedIds(coordinator)).Contains(requestId) ? "queued" : null,
            "the request in PIW's queue");

        var assign = await coordinator.PostAsJsonAsync($"{requestPath}/assign",
            new { volunteerId = "v-demo", reason = "Vera kan die nacht" });
        Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        Assert.DoesNotContain(requestId, await QueuedIds(coordinator));
    }

    [Fact]
    public async Task A_coordinator_cannot_book_onto_a_request_their_partner_neither_queued_nor_serves()
    {
        // PIW offers maatjes; a request for vervangende zorg is De Brug's business, and not in PIW's queue.
        var consultant = await App.SignedIn("consulent");
        var coordinator = await App.SignedIn("coordinator");
        var saturday = Journey.NextMonday(3).AddDays(5);
        var filed = await consultant.PostAsJsonAsync("/api/v1/circles/c-0007/requests",
            new { kind = "respite", start = saturday.ToString("o"), end = saturday.AddHours(2).ToString("o") });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var requestPath = filed.Headers.Location!.ToString();
        var requestId = requestPath[(requestPath.LastIndexOf('/') + 1)..];

        var api = await coordinator.PostAsJsonAsync($"{requestPath}/assign",
            new { volunteerId = "v-demo", reason = "Ik wil de gegevens zien" });
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("wachtrij", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var page = App.Client();
        var signIn = await Security.Forms.Read(page, "/Inloggen");
        await page.PostAsync("/Inloggen", signIn.With(new() { ["UserName"] = "coordinator", ["Password"] = "kring-demo" }));
        var desk = await Security.Forms.Read(page, "/Coordinatie");
        var posted = await page.PostAsync("/Coordinatie?handler=Assign", desk.With(new()
        {
            ["circleId"] = "c-0007",
            ["requestId"] = requestId,
            ["volunteerId"] = "v-demo",
            ["reason"] = "Ik wil de gegevens zien",
        }));
        Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Geweigerd", posted.Headers.Location?.ToString() ?? posted.StatusCode.ToString());

        var after = await consultant.GetFromJsonAsync<JsonElement>(requestPath);
        Assert.NotEqual("matched", after.GetProperty("status").GetString());
        Assert.DoesNotContain(after.GetProperty("history").EnumerateArray(), e => e.GetProperty("what")
            .GetString()!.Contains("gegevens zien"));
        var volunteer = await App.SignedIn("vrijwilliger");
        var assignments = await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/assignments");
        Assert.DoesNotContain(assignments.EnumerateArray(), a => a.GetProperty("requestId").GetString() == requestId);
    }

    private static async Task<List<string>> QueuedIds(HttpClient coordinator) =>
        (await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/partners/piw/queue")).EnumerateArray()
            .Select(q => q.GetProperty("requestId").GetString()!).ToList();

    [Fact]
    public async Task A_coordinator_sees_only_their_own_partners_queue_and_volunteers()
    {
        var coordinator = await App.SignedIn("coordinator");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/api/v1/partners/piw/queue")).StatusCode);
        var volunteers = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/partners/piw/volunteers");
        Assert.Contains(volunteers.EnumerateArray(), v => v.GetProperty("id").GetString() == "v-demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/api/v1/partners/de-brug/queue")).StatusCode);

        var volunteer = await App.SignedIn("vrijwilliger");
        Assert.Equal(HttpStatusCode.Forbidden, (await volunteer.GetAsync("/api/v1/partners/piw/queue")).StatusCode);
    }

    [Fact]
    public async Task A_coordinator_signs_up_a_volunteer_who_then_signs_in_and_sets_their_week()
    {
        var coordinator = await App.SignedIn("coordinator");
        var userName = $"anna-{Guid.NewGuid():N}"[..20];
        var signUp = new
        {
            userName,
            displayName = "Anna de Vries",
            village = "urmond",
            kinds = new[] { "buddy" },
            skills = new[] { "dementia" },
            maxKm = 4.5,
        };
        var created = await SignUpWithKey(coordinator, signUp, userName);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var volunteer = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = volunteer.GetProperty("id").GetString()!;
        Assert.Equal("urmond", volunteer.GetProperty("homeVillage").GetString());
        Assert.Equal(8, volunteer.GetProperty("maxHoursPerWeek").GetDouble());
        var firstCode = volunteer.GetProperty("activationCode").GetString()!;

        // A retry with the same key is the same volunteer, with a new code in case the first answer was lost; the same
        // name without the key is taken.
        var again = await SignUpWithKey(coordinator, signUp, userName);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var retried = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, retried.GetProperty("id").GetString());
        var code = retried.GetProperty("activationCode").GetString()!;
        Assert.NotEqual(firstCode, code);
        var taken = await coordinator.PostAsJsonAsync("/api/v1/partners/piw/volunteers", signUp);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("al in gebruik", (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")
            .GetProperty("userName")[0].GetString());

        var partnerVolunteers = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/partners/piw/volunteers");
        Assert.Contains(partnerVolunteers.EnumerateArray(), v => v.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Client()
            .PostAsJsonAsync("/api/v1/session", new { username = userName, password = firstCode })).StatusCode);
        var anna = await App.Activate(userName, code, "Zonnebloem-aan-de-Maas");
        var me = await anna.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(id, me.GetProperty("volunteerId").GetString());
        var week = new
        {
            weekly = new[] { new { day = "tuesday", from = "13:00", to = "17:00" } },
            daysOff = Array.Empty<string>(),
            paused = false
        };
        Assert.Equal(HttpStatusCode.OK, (await anna.PutAsJsonAsync("/api/v1/volunteers/me/availability", week)).StatusCode);
        var preferences = await anna.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/preferences");
        Assert.Equal(4.5, preferences.GetProperty("maxKm").GetDouble());
    }

    private static async Task<HttpResponseMessage> SignUpWithKey(HttpClient coordinator, object signUp, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/partners/piw/volunteers")
        {
            Content = JsonContent.Create(signUp),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await coordinator.SendAsync(request);
    }

    [Fact]
    public async Task Signing_up_a_volunteer_names_every_field_that_is_wrong_in_Dutch()
    {
        var coordinator = await App.SignedIn("coordinator");
        var response = await coordinator.PostAsJsonAsync("/api/v1/partners/piw/volunteers",
            new { userName = "A!", displayName = "", village = "atlantis", kinds = Taxi, maxKm = 99, maxHoursPerWeek = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "userName", "displayName", "village", "kinds", "maxKm", "maxHoursPerWeek" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
        Assert.Contains("kleine letters", errors.GetProperty("userName")[0].GetString());
    }

    [Fact]
    public async Task Partners_are_public_for_the_social_map()
    {
        var partners = await App.Client().GetFromJsonAsync<JsonElement>("/api/v1/partners");
        var brug = partners.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "de-brug");
        Assert.Equal("respite", brug.GetProperty("services")[0].GetString());
    }

    [Fact]
    public async Task A_weekly_series_is_filed_as_one_request_per_week_and_goes_to_one_volunteer()
    {
        var volunteer = await App.SignedIn("vrijwilliger");
        var carer = await App.SignedIn("mantelzorger");
        var response = await volunteer.PutAsJsonAsync("/api/v1/volunteers/me/availability",
            new { weekly = new[] { new { day = "tuesday", from = "14:00", to = "17:00" } } });
        response.EnsureSuccessStatusCode();
        var tuesday = Journey.NextMonday(14).AddDays(1);

        var filed = await carer.PostAsJsonAsync("/api/v1/circles/mine/requests", new
        {
            kind = "buddy",
            start = tuesday.ToString("o"),
            end = tuesday.AddHours(3).ToString("o"),
            needs = Parkinson,
            repeat = new { weeks = 3 },
        });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var series = await filed.Content.ReadFromJsonAsync<JsonElement>();
        var ids = series.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.Equal(3, ids.Count);

        foreach (var id in ids)
        {
            var offerId = await Journey.OfferFor(volunteer, id);
            Assert.Equal(HttpStatusCode.OK, (await volunteer.PostAsync($"/api/v1/offers/{offerId}/accept", null)).StatusCode);
        }
        var circle = await carer.GetFromJsonAsync<JsonElement>("/api/v1/circles/mine");
        var seriesRequests = circle.GetProperty("requests").EnumerateArray().Where(r => ids.Contains(r.GetProperty("id").GetString()!))
            .ToList();
        Assert.All(seriesRequests, r => Assert.Equal("matched", r.GetProperty("status").GetString()));
        Assert.Equal(tuesday.AddDays(14), seriesRequests.Max(r => r.GetProperty("start").GetDateTimeOffset()));
    }
}
