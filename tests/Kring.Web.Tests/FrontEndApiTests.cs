using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests;

/// <summary>The routes behind the pages for every role: calendar feed, preferences, registering a circle, live figures.</summary>
[Collection(WebCollection.Name)]
public sealed partial class FrontEndApiTests(SharedApp shared)
{
    private static readonly string[] BuddyAndRespite = ["buddy", "respite"];
    private static readonly string[] FourSkills = ["dementia", "mobility", "parkinson", "hearing"];
    private static readonly string[] Juggling = ["juggling"];
    private static readonly string[] Dementia = ["dementia"];
    private static readonly string[] Taxi = ["taxi"];

    private KringApp App => shared.App;

    private static object NewCircle(string village = "catsop", string name = "Ilse Testhuis") => new
    {
        village,
        carerName = name,
        carerAge = 19,
        careRecipientName = "Wim Testhuis",
        relationship = "ouder",
        needs = new[] { "dementia" },
        phone = "06-11112222",
        address = "Proefpad 7, Catsop",
    };

    [Fact]
    public async Task The_calendar_feed_holds_the_volunteers_assignments_as_valid_icalendar_in_utc()
    {
        var volunteer = await App.SignedIn("vrijwilliger");
        var carer = await App.SignedIn("mantelzorger");
        await Journey.SetMondayMorning(volunteer);
        var start = Journey.NextMonday(10, 45);
        var (requestId, _) = await Journey.AskBuddy(carer, start, Journey.NextMonday(11, 0));
        var offerId = await Journey.OfferFor(volunteer, requestId);
        (await volunteer.PostAsync($"/api/v1/offers/{offerId}/accept", null)).EnsureSuccessStatusCode();

        var response = await volunteer.GetAsync("/api/v1/volunteers/me/assignments.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var ics = await response.Content.ReadAsStringAsync();

        // RFC 5545 3.1: CRLF line endings, physical lines of at most 75 octets, longer ones folded with CRLF + space.
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics);
        Assert.EndsWith("END:VCALENDAR\r\n", ics);
        Assert.DoesNotContain('\n', ics.Replace("\r\n", ""));
        Assert.DoesNotContain('\r', ics.Replace("\r\n", ""));
        Assert.All(ics.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"Line longer than 75 octets: {line}"));
        var lines = ics.Replace("\r\n ", "").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("VERSION:2.0", lines);
        Assert.Contains(lines, l => l.StartsWith("PRODID:", StringComparison.Ordinal));

        var events = Events(lines);
        Assert.Equal(lines.Count(l => l == "BEGIN:VEVENT"), events.Count);
        Assert.All(events, e => Assert.True(e.ContainsKey("UID") && e.ContainsKey("DTSTAMP") && e.ContainsKey("DTSTART")
            && e.ContainsKey("DTEND")));
        var mine = Assert.Single(events, e => e["UID"] == $"{requestId}@kring");
        Assert.Equal(start.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), mine["DTSTART"]);
        Assert.Equal(Journey.NextMonday(11, 0).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), mine["DTEND"]);
        Assert.Equal("Elsloo", mine["LOCATION"]);

        // The feed leaves Kring for whatever calendar the volunteer uses: no name, phone or address of the carer.
        Assert.DoesNotContain("06-00000000", ics);
        Assert.DoesNotContain("Proefmans", ics);
        Assert.DoesNotContain("Demostraat", ics);
    }

    [Fact]
    public async Task Only_a_volunteer_gets_a_calendar_feed()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Client().GetAsync("/api/v1/volunteers/me/assignments.ics")).StatusCode);
        var carer = await App.SignedIn("mantelzorger");
        Assert.Equal(HttpStatusCode.Forbidden, (await carer.GetAsync("/api/v1/volunteers/me/assignments.ics")).StatusCode);
    }

    [Fact]
    public async Task A_volunteer_changes_kinds_skills_and_radius_and_bad_values_are_refused()
    {
        var volunteer = await App.SignedIn("vrijwilliger");
        var before = await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/preferences");
        try
        {
            var response = await volunteer.PutAsJsonAsync("/api/v1/volunteers/me/preferences",
                new { kinds = BuddyAndRespite, skills = FourSkills, maxKm = 7.5 });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var after = await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/preferences");
            Assert.Equal(7.5, after.GetProperty("maxKm").GetDouble());
            Assert.Contains("hearing", after.GetProperty("skills").EnumerateArray().Select(s => s.GetString()));

            var bad = await volunteer.PutAsJsonAsync("/api/v1/volunteers/me/preferences",
                new { kinds = Array.Empty<string>(), skills = Juggling, maxKm = 0 });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.True(errors.TryGetProperty("kinds", out _));
            Assert.True(errors.TryGetProperty("skills", out _));
            Assert.True(errors.TryGetProperty("maxKm", out _));
            Assert.Equal(7.5, (await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/preferences")).GetProperty("maxKm")
                .GetDouble());
        }
        finally
        {
            (await volunteer.PutAsJsonAsync("/api/v1/volunteers/me/preferences", before)).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task A_consultant_registers_a_circle_with_a_generated_id_and_files_a_request_for_it()
    {
        var consultant = await App.SignedIn("consulent");
        var before = await consultant.GetFromJsonAsync<JsonElement>("/api/v1/villages/catsop/overview");

        var response = await consultant.PostAsJsonAsync("/api/v1/circles", NewCircle());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var circle = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = circle.GetProperty("id").GetString()!;
        Assert.Matches("^c-[0-9a-f]{12}$", id);
        Assert.Equal($"/api/v1/circles/{id}", response.Headers.Location!.ToString());
        var stored = await consultant.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        Assert.Equal("Ilse Testhuis", stored.GetProperty("carer").GetProperty("name").GetString());
        Assert.Equal("catsop", stored.GetProperty("village").GetString());

        var after = await consultant.GetFromJsonAsync<JsonElement>("/api/v1/villages/catsop/overview");
        Assert.Equal(before.GetProperty("carers").GetInt32() + 1, after.GetProperty("carers").GetInt32());
        Assert.Equal(before.GetProperty("youngCarers").GetInt32() + 1, after.GetProperty("youngCarers").GetInt32());

        var start = Journey.NextMonday(15);
        var request = await consultant.PostAsJsonAsync($"/api/v1/circles/{id}/requests",
            new { kind = "buddy", start = start.ToString("o"), end = start.AddHours(1).ToString("o"), needs = Dementia });
        Assert.Equal(HttpStatusCode.Created, request.StatusCode);
    }

    [Fact]
    public async Task Registering_with_the_same_idempotency_key_gives_one_circle()
    {
        var consultant = await App.SignedIn("consulent");
        var key = Guid.NewGuid().ToString();
        async Task<string> Register()
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/circles")
            {
                Content = JsonContent.Create(
                NewCircle(name: "Yvo Herhaald"))
            };
            message.Headers.Add("Idempotency-Key", key);
            var response = await consultant.SendAsync(message);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }
        var before = (await consultant.GetFromJsonAsync<JsonElement>("/api/v1/villages/catsop/overview")).GetProperty("carers").GetInt32();
        Assert.Equal(await Register(), await Register());
        Assert.Equal(before + 1, (await consultant.GetFromJsonAsync<JsonElement>("/api/v1/villages/catsop/overview")).GetProperty("carers")
            .GetInt32());
    }

    [Fact]
    public async Task Registering_a_circle_names_every_field_that_is_wrong()
    {
        var consultant = await App.SignedIn("consulent");
        var response = await consultant.PostAsJsonAsync("/api/v1/circles", new
        {
            village = "atlantis",
            carerName = " ",
            carerAge = 4,
            careRecipientName = "",
            relationship = "oom",
            needs = Taxi,
            phone = "bel maar",
            address = "",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "village", "carerName", "carerAge", "careRecipientName", "relationship", "needs", "phone",
            "address" })
        {
            Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}");
            Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        }
        Assert.Equal("Dit dorp kennen we niet.", errors.GetProperty("village")[0].GetString());

        var empty = await consultant.PostAsync("/api/v1/circles", new StringContent("null", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Theory]
    [InlineData("mantelzorger")]
    [InlineData("vrijwilliger")]
    [InlineData("dorp-elsloo")]
    [InlineData("coordinator")]
    [InlineData("beheerder")]
    public async Task Only_a_carer_consultant_registers_circles(string userName)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Client().PostAsJsonAsync("/api/v1/circles", NewCircle())).StatusCode);
        var client = await App.SignedIn(userName);
        var before = (await (await App.SignedIn("consulent")).GetFromJsonAsync<JsonElement>("/api/v1/villages/catsop/overview"))
            .GetProperty("carers").GetInt32();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/circles", NewCircle())).StatusCode);
        var after = (await (await App.SignedIn("consulent")).GetFromJsonAsync<JsonElement>("/api/v1/villages/catsop/overview"))
            .GetProperty("carers").GetInt32();
        Assert.Equal(before, after);
    }

    private static List<Dictionary<string, string>> Events(IEnumerable<string> lines)
    {
        var events = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var line in lines)
        {
            if (line == "BEGIN:VEVENT") current = new Dictionary<string, string>();
            else if (line == "END:VEVENT") { events.Add(current!); current = null; }
            else if (current is not null)
            {
                var colon = line.IndexOf(':');
                var name = line[..colon].Split(';')[0];
                current[name] = line[(colon + 1)..];
            }
        }
        return events;
    }
}
