using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Kring.Testing;
using Kring.Web.Tests.Security;

namespace Kring.Web.Tests;

/// <summary>
/// A casemanager linked by the consultant sees nothing until the carer consents; then the calendar and the balance, and may
/// ask for help; every step is in the access log, and the carer can end it.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ProfessionalApiTests(SharedApp shared)
{
    private KringApp App => shared.App;

    [Fact]
    public async Task A_linked_casemanager_sees_the_circle_only_with_the_carers_consent_and_until_it_is_withdrawn()
    {
        var (carerName, circleId) = await TestAccounts.NewCarerWithCircle(App, "zorg");
        var carer = await App.SignedIn(carerName, TestAccounts.Password);
        var consultant = await App.SignedIn("consulent", "kring-demo");
        var professionalName = $"cm-{Guid.NewGuid():N}"[..16];
        await App.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(professionalName).Set(new AccountRecord(
            professionalName, "Ans Proef (casemanager dementie)", Passwords.Hash(TestAccounts.Password), Role.Professional, null, null,
            null, null));
        var professional = await App.SignedIn(professionalName, TestAccounts.Password);
        var calendar = $"/api/v1/circles/{circleId}/calendar";

        var linked = await consultant.PostAsJsonAsync($"/api/v1/circles/{circleId}/professionals", new { userName = professionalName });
        Assert.Equal(HttpStatusCode.Created, linked.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await professional.GetAsync(calendar)).StatusCode);
        var early = await professional.PostAsJsonAsync($"/api/v1/circles/{circleId}/requests", Body());
        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        Assert.Empty(await professional.GetFromJsonAsync<JsonElement[]>("/api/v1/professionals/me/circles") ?? []);
        var waiting = await carer.GetFromJsonAsync<JsonElement>("/api/v1/circles/mine/professionals");
        Assert.Equal(JsonValueKind.Null, Assert.Single(waiting.EnumerateArray()).GetProperty("consentedAt").ValueKind);

        Assert.Equal(HttpStatusCode.Forbidden,
            (await consultant.PostAsync($"/api/v1/circles/{circleId}/professionals/{professionalName}/consent", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent,
            (await carer.PostAsync($"/api/v1/circles/mine/professionals/{professionalName}/consent", null)).StatusCode);
        (await carer.PostAsJsonAsync($"/api/v1/circles/{circleId}/checkins", new { answers = Answers(3) })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await professional.GetAsync(calendar)).StatusCode);
        var circles = await professional.GetFromJsonAsync<JsonElement>("/api/v1/professionals/me/circles");
        var seen = Assert.Single(circles.EnumerateArray());
        Assert.Equal(circleId, seen.GetProperty("circleId").GetString());
        Assert.Single(seen.GetProperty("balance").EnumerateArray());
        var filed = await professional.PostAsJsonAsync($"/api/v1/circles/{circleId}/requests", Body());
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await professional.GetAsync($"/api/v1/circles/{circleId}")).StatusCode);

        var log = await carer.GetFromJsonAsync<JsonElement>("/api/v1/circles/mine/access-log");
        var actions = log.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("professionalLinked", actions);
        Assert.Contains("professionalConsented", actions);
        Assert.Contains(log.EnumerateArray(), e => e.GetProperty("userName").GetString() == professionalName);

        Assert.Equal(HttpStatusCode.NoContent,
            (await carer.DeleteAsync($"/api/v1/circles/mine/professionals/{professionalName}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await professional.GetAsync(calendar)).StatusCode);
        Assert.Empty(await professional.GetFromJsonAsync<JsonElement[]>("/api/v1/professionals/me/circles") ?? []);
    }

    private static Dictionary<string, int> Answers(int value) =>
        Balance.BalanceCheck.Questions.ToDictionary(q => q.Id, q => Math.Clamp(value, q.Min, q.Max));

    private static object Body() => new
    {
        kind = "respite",
        start = Journey.Day(5).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        end = Journey.Day(5).AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
    };
}
