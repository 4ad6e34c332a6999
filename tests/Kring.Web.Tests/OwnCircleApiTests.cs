using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;
using Kring.Web.Tests.Security;

namespace Kring.Web.Tests;

/// <summary>
/// The carer's own people through the API: invited with a one-time code, given a request first, taking it with one call;
/// and what they may not see.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class OwnCircleApiTests(SharedApp shared)
{
    private KringApp App => shared.App;

    [Fact]
    public async Task An_invited_member_activates_their_account_and_takes_a_request_held_for_the_own_circle()
    {
        var (carerName, circleId) = await TestAccounts.NewCarerWithCircle(App, "eigen");
        var carer = await App.SignedIn(carerName, TestAccounts.Password);

        var invited = await carer.PostAsJsonAsync("/api/v1/circles/mine/members",
            new { name = "Sanne de Proef", email = $"sanne-{circleId}@example.org", relation = "child" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var member = await invited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("sanne-", member.GetProperty("userName").GetString(), StringComparison.Ordinal);
        Assert.Equal("child", member.GetProperty("relation").GetString());
        var sanne = await App.Activate(member.GetProperty("userName").GetString()!, member.GetProperty("activationCode").GetString()!,
            "een-eigen-wachtwoord-7");

        var unasked = await carer.PostAsJsonAsync("/api/v1/circles/mine/requests", Body(day: 3));
        var toVolunteers = await carer.GetFromJsonAsync<JsonElement>(unasked.Headers.Location!.ToString());
        Assert.Equal(JsonValueKind.Null, toVolunteers.GetProperty("circleFirstUntil").ValueKind);

        var body = Body(day: 4);
        body["circleFirst"] = true;
        var filed = await carer.PostAsJsonAsync("/api/v1/circles/mine/requests", body);
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var location = filed.Headers.Location!.ToString();
        var held = await carer.GetFromJsonAsync<JsonElement>(location);
        Assert.Equal("open", held.GetProperty("status").GetString());
        var until = held.GetProperty("circleFirstUntil").GetDateTimeOffset();
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromHours(23), TimeSpan.FromHours(24));

        var calendar = await sanne.GetFromJsonAsync<JsonElement>($"/api/v1/circles/{circleId}/calendar");
        var heldId = held.GetProperty("id").GetString();
        Assert.Contains(calendar.EnumerateArray(), e => e.GetProperty("requestId").GetString() == heldId);

        var taken = await sanne.PostAsync($"{location}/take", null);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var matched = await carer.GetFromJsonAsync<JsonElement>(location);
        Assert.Equal("matched", matched.GetProperty("status").GetString());
        Assert.Equal(member.GetProperty("id").GetString(), matched.GetProperty("volunteerId").GetString());
        Assert.Equal("Sanne", matched.GetProperty("helper").GetProperty("firstName").GetString());
        Assert.Equal(HttpStatusCode.OK, (await sanne.PostAsync($"{location}/take", null)).StatusCode);
        var ics = await sanne.GetStringAsync("/api/v1/volunteers/me/assignments.ics");
        Assert.Contains($"UID:{held.GetProperty("id").GetString()}@kring", ics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_sees_the_calendar_and_the_own_people_but_not_the_circles_personal_data_or_addresses()
    {
        var (carerName, circleId) = await TestAccounts.NewCarerWithCircle(App, "eigen");
        var carer = await App.SignedIn(carerName, TestAccounts.Password);
        var invited = await carer.PostAsJsonAsync("/api/v1/circles/mine/members",
            new { name = "Bert Buur", email = $"bert-{circleId}@example.org", relation = "neighbour" });
        var bertMember = await invited.Content.ReadFromJsonAsync<JsonElement>();
        var bert = await App.Activate(bertMember.GetProperty("userName").GetString()!,
            bertMember.GetProperty("activationCode").GetString()!, "een-eigen-wachtwoord-8");

        Assert.Equal(HttpStatusCode.Forbidden, (await bert.GetAsync($"/api/v1/circles/{circleId}")).StatusCode);
        var members = await bert.GetFromJsonAsync<JsonElement>($"/api/v1/circles/{circleId}/members");
        var only = Assert.Single(members.EnumerateArray());
        Assert.Equal("Bert Buur", only.GetProperty("name").GetString());
        Assert.False(only.TryGetProperty("email", out var email) && email.ValueKind != JsonValueKind.Null);
        Assert.Equal(HttpStatusCode.Forbidden, (await bert.GetAsync("/api/v1/circles/c-demo/calendar")).StatusCode);

        var again = await carer.PostAsJsonAsync("/api/v1/circles/mine/members",
            new { name = "Bert Buur", email = $"BERT-{circleId}@example.org", relation = "neighbour" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single((await carer.GetFromJsonAsync<JsonElement>("/api/v1/circles/mine/members")).EnumerateArray());
    }

    [Fact]
    public async Task Asking_the_own_circle_first_without_own_people_or_for_too_long_is_refused_with_the_reason()
    {
        var (carerName, _) = await TestAccounts.NewCarerWithCircle(App, "eigen");
        var carer = await App.SignedIn(carerName, TestAccounts.Password);

        var body = Body(day: 5);
        body["circleFirst"] = true;
        var nobody = await carer.PostAsJsonAsync("/api/v1/circles/mine/requests", body);
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        Assert.Contains("nog geen eigen mensen", (await nobody.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")
            .GetProperty("circleFirst")[0].GetString(), StringComparison.Ordinal);

        var invalid = await carer.PostAsJsonAsync("/api/v1/circles/mine/members",
            new { name = "", email = "geen adres", relation = "oom" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("relation", out _));

        var plain = await carer.PostAsJsonAsync("/api/v1/circles/mine/requests", Body(day: 5));
        Assert.Equal(HttpStatusCode.Created, plain.StatusCode);
        var filed = await carer.GetFromJsonAsync<JsonElement>(plain.Headers.Location!.ToString());
        Assert.Equal(JsonValueKind.Null, filed.GetProperty("circleFirstUntil").ValueKind);

        var withMember = await carer.PostAsJsonAsync("/api/v1/circles/mine/members",
            new { name = "Kees", email = $"kees-{Guid.NewGuid():N}@example.org", relation = "friend" });
        Assert.Equal(HttpStatusCode.Created, withMember.StatusCode);
        body["circleFirstHours"] = 200;
        var tooLong = await carer.PostAsJsonAsync("/api/v1/circles/mine/requests", body);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("Vul een aantal uren in van 1 tot en met 168.", (await tooLong.Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("errors").GetProperty("circleFirstHours")[0].GetString());
    }

    private static Dictionary<string, object> Body(int day) => new()
    {
        ["kind"] = "respite",
        ["start"] = Journey.Day(day).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ["end"] = Journey.Day(day).AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
    };
}
