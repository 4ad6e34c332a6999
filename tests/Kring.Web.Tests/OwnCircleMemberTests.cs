using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;
using Kring.Web.Tests.Security;

namespace Kring.Web.Tests;

/// <summary>
/// A member's life in the carer's own circle through the API: what the carer lets them see, giving a booking back, and
/// leaving the circle or being taken out of it.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class OwnCircleMemberTests(SharedApp shared)
{
    private KringApp App => shared.App;

    [Fact]
    public async Task A_member_the_carer_lets_see_only_their_own_part_misses_who_else_helps_until_the_booking_is_given_back()
    {
        var (carerName, circleId) = await TestAccounts.NewCarerWithCircle(App, "zicht");
        var carer = await App.SignedIn(carerName, TestAccounts.Password);
        var (_, _, anna) = await Invite(carer, circleId, "Anna Dochter", "child");
        var (pietId, _, piet) = await Invite(carer, circleId, "Piet Buur", "neighbour");
        var location = await FileForOwnCircle(carer, day: 3);
        var requestId = location.Split('/')[^1];
        Assert.Equal(HttpStatusCode.OK, (await anna.PostAsync($"{location}/take", null)).StatusCode);

        var whole = await piet.GetFromJsonAsync<JsonElement>($"/api/v1/circles/{circleId}/calendar");
        Assert.Equal("Anna Dochter", Entry(whole, requestId)!.Value.GetProperty("helper").GetString());
        Assert.Equal(2, (await piet.GetFromJsonAsync<JsonElement>($"/api/v1/circles/{circleId}/members")).GetArrayLength());

        var set = await carer.PatchAsJsonAsync($"/api/v1/circles/mine/members/{pietId}", new { sees = "own" });
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        var members = await carer.GetFromJsonAsync<JsonElement>("/api/v1/circles/mine/members");
        var pietAsListed = members.EnumerateArray().Single(m => m.GetProperty("id").GetString() == pietId);
        Assert.Equal("own", pietAsListed.GetProperty("sees").GetString());
        Assert.Null(Entry(await piet.GetFromJsonAsync<JsonElement>($"/api/v1/circles/{circleId}/calendar"), requestId));
        var pietSees = await piet.GetFromJsonAsync<JsonElement>($"/api/v1/circles/{circleId}/members");
        Assert.Equal(pietId, Assert.Single(pietSees.EnumerateArray()).GetProperty("id").GetString());
        Assert.NotNull(Entry(await anna.GetFromJsonAsync<JsonElement>($"/api/v1/circles/{circleId}/calendar"), requestId));

        var invalid = await carer.PatchAsJsonAsync($"/api/v1/circles/mine/members/{pietId}", new { sees = "alles" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("sees", out _));
        Assert.Equal(HttpStatusCode.Forbidden,
            (await piet.PatchAsJsonAsync($"/api/v1/circles/{circleId}/members/{pietId}", new { sees = "calendar" })).StatusCode);

        var gaveBack = await anna.PostAsJsonAsync($"/api/v1/volunteers/me/assignments/{requestId}/withdraw", new { reason = "ziek" });
        Assert.Equal(HttpStatusCode.OK, gaveBack.StatusCode);
        var reopened = await carer.GetFromJsonAsync<JsonElement>(location);
        Assert.NotEqual("matched", reopened.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("volunteerId").ValueKind);
        Assert.Contains(reopened.GetProperty("history").EnumerateArray(),
            e => e.GetProperty("what").GetString() == "Anna Dochter uit de eigen kring kan toch niet: ziek");
        var open = Entry(await piet.GetFromJsonAsync<JsonElement>($"/api/v1/circles/{circleId}/calendar"), requestId);
        Assert.Equal(JsonValueKind.Null, open!.Value.GetProperty("helper").ValueKind);
        Assert.DoesNotContain($"UID:{requestId}@kring", await anna.GetStringAsync("/api/v1/volunteers/me/assignments.ics"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_taken_out_of_the_circle_loses_their_account_and_their_booking_opens_again_and_one_can_leave()
    {
        var (carerName, circleId) = await TestAccounts.NewCarerWithCircle(App, "weg");
        var carer = await App.SignedIn(carerName, TestAccounts.Password);
        var (keesId, keesUser, kees) = await Invite(carer, circleId, "Kees Vriend", "friend");
        var (liesId, _, lies) = await Invite(carer, circleId, "Lies Nicht", "family");
        var location = await FileForOwnCircle(carer, day: 4);
        Assert.Equal(HttpStatusCode.OK, (await kees.PostAsync($"{location}/take", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await lies.DeleteAsync($"/api/v1/circles/{circleId}/members/{keesId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await carer.DeleteAsync($"/api/v1/circles/mine/members/{keesId}")).StatusCode);
        var reopened = await carer.GetFromJsonAsync<JsonElement>(location);
        Assert.NotEqual("matched", reopened.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("volunteerId").ValueKind);
        Assert.Equal(HttpStatusCode.Unauthorized, (await kees.GetAsync($"/api/v1/circles/{circleId}/calendar")).StatusCode);
        var signIn = await App.Client().PostAsJsonAsync("/api/v1/session",
            new { username = keesUser, password = "een-eigen-wachtwoord-9" });
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await carer.DeleteAsync($"/api/v1/circles/mine/members/{keesId}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await lies.DeleteAsync($"/api/v1/circles/{circleId}/members/{liesId}")).StatusCode);
        Assert.Equal(0, (await carer.GetFromJsonAsync<JsonElement>("/api/v1/circles/mine/members")).GetArrayLength());
        Assert.Equal(HttpStatusCode.Unauthorized, (await lies.GetAsync($"/api/v1/circles/{circleId}/calendar")).StatusCode);
        var filed = await carer.PostAsJsonAsync("/api/v1/circles/mine/requests", Body(day: 5, circleFirst: true));
        Assert.Equal(HttpStatusCode.BadRequest, filed.StatusCode);
    }

    private async Task<(string Id, string UserName, HttpClient Client)> Invite(
        HttpClient carer, string circleId, string name, string relation)
    {
        var first = name.Split(' ')[0].ToLowerInvariant();
        var invited = await carer.PostAsJsonAsync("/api/v1/circles/mine/members",
            new { name, email = $"{first}-{circleId}@example.org", relation });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var member = await invited.Content.ReadFromJsonAsync<JsonElement>();
        var userName = member.GetProperty("userName").GetString()!;
        var client = await App.Activate(userName, member.GetProperty("activationCode").GetString()!, "een-eigen-wachtwoord-9");
        return (member.GetProperty("id").GetString()!, userName, client);
    }

    private static async Task<string> FileForOwnCircle(HttpClient carer, int day)
    {
        var filed = await carer.PostAsJsonAsync("/api/v1/circles/mine/requests", Body(day, circleFirst: true));
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        return filed.Headers.Location!.ToString();
    }

    private static JsonElement? Entry(JsonElement calendar, string requestId) =>
        calendar.EnumerateArray().Where(e => e.GetProperty("requestId").GetString() == requestId).Cast<JsonElement?>().FirstOrDefault();

    private static Dictionary<string, object> Body(int day, bool circleFirst) => new()
    {
        ["kind"] = "respite",
        ["start"] = Journey.Day(day).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ["end"] = Journey.Day(day).AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ["circleFirst"] = circleFirst,
    };
}
