using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Hosting;
using Kring.Testing;
using Kring.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Kring.Web.Tests;

/// <summary>
/// The AVG/GDPR parts over HTTP: the access log, exports and erasure. Each test builds its own circle in Elsloo (with a
/// carer account), its own volunteer of PIW (with an account) and a request the coordinator booked for that volunteer,
/// at 03:00 so no demo volunteer is ever offered it.
/// </summary>
[Collection(SecondWebCollection.Name)]
public sealed partial class PrivacyTests(SharedApp shared)
{
    private static readonly string[] Mobility = ["mobility"];

    private KringApp App => shared.App;
    private IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    private sealed record Setup(
        string CircleId, string CarerName, string RequestPath, string RequestId, string VolunteerId,
        HttpClient Consultant, HttpClient Carer, HttpClient Volunteer, string VolunteerUser, string CarerUser);

    [Fact]
    public async Task The_access_log_records_who_saw_a_circle_and_only_the_consultant_the_operator_and_the_carer_may_read_it()
    {
        var s = await Arrange();
        // The matched volunteer sees the carer's contact details on their page; that is a view of the circle's data.
        var page = await (await s.Volunteer.GetAsync("/Vrijwilliger")).Content.ReadAsStringAsync();
        Assert.Contains(s.CarerName, page);
        (await s.Consultant.GetAsync($"/api/v1/circles/{s.CircleId}")).EnsureSuccessStatusCode();
        (await s.Consultant.GetAsync(s.RequestPath)).EnsureSuccessStatusCode();

        var log = await ReadLog(s.Consultant, s.CircleId);
        Assert.Contains(log, e => e.UserName == "consulent" && e.Role == "CarerConsultant" && e.Action == "circleViewed"
            && e.What == "kring bekeken" && e.Route == $"GET /api/v1/circles/{s.CircleId}");
        Assert.Contains(log, e => e.UserName == "consulent" && e.Action == "requestViewed" && e.RequestId == s.RequestId);
        Assert.Contains(log, e => e.UserName == s.VolunteerUser && e.Role == "Volunteer" && e.Action == "contactViewed"
            && e.Route == "GET /Vrijwilliger");
        Assert.Contains(log, e => e.UserName == "consulent" && e.Action == "registered");
        Assert.All(log, e => Assert.True(e.At > DateTimeOffset.UtcNow.AddMinutes(-10) && e.At <= DateTimeOffset.UtcNow.AddMinutes(1)));
        Assert.Equal(log.OrderByDescending(e => e.At).Select(e => e.At), log.Select(e => e.At));

        // The carer reads their own log, as "mine" or by id; so does the operator.
        Assert.Equal(log.Count, (await ReadLog(s.Carer, "mine")).Count);
        Assert.Equal(HttpStatusCode.OK, (await s.Carer.GetAsync($"/api/v1/circles/{s.CircleId}/access-log")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await App.SignedIn("beheerder")).GetAsync($"/api/v1/circles/{s.CircleId}/access-log"))
            .StatusCode);

        // Volunteers (even the matched one), village contact persons and other carers may not.
        var otherContact = await NewAccount(Role.VillageContact, "stein");
        foreach (var refused in new[] { s.Volunteer, await App.SignedIn("vrijwilliger"), await App.SignedIn("dorp-elsloo"), otherContact,
            await App.SignedIn("mantelzorger") })
        {
            var response = await refused.GetAsync($"/api/v1/circles/{s.CircleId}/access-log");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.DoesNotContain(s.VolunteerUser, await response.Content.ReadAsStringAsync());
        }

        // The consultant's page shows the same log, linked from the list of circles; reading it is not itself a view.
        var list = await (await s.Consultant.GetAsync($"/Kringen?dorp=elsloo&zoek={Uri.EscapeDataString(s.CarerName)}"))
            .Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/Kringen/Toegang?kring={s.CircleId}\"", list);
        var before = (await ReadLog(s.Consultant, s.CircleId)).Count;
        var html = await (await s.Consultant.GetAsync($"/Kringen/Toegang?kring={s.CircleId}")).Content.ReadAsStringAsync();
        Assert.Contains("contactgegevens bekeken", html);
        Assert.Contains(s.VolunteerUser, html);
        Assert.Equal(before, (await ReadLog(s.Consultant, s.CircleId)).Count);
        Assert.NotEqual(HttpStatusCode.OK, (await s.Volunteer.GetAsync($"/Kringen/Toegang?kring={s.CircleId}")).StatusCode);

        await EraseVolunteer(s);
    }

    [Fact]
    public async Task A_circles_export_holds_everything_about_it_for_the_carer_and_the_consultant_only()
    {
        var s = await Arrange();
        (await s.Carer.PostAsJsonAsync("/api/v1/circles/mine/checkins", new { answers = Answers(4) })).EnsureSuccessStatusCode();
        (await s.Consultant.PostAsync($"/api/v1/appreciation/2032/{s.CircleId}/received", null)).EnsureSuccessStatusCode();

        var response = await s.Carer.GetAsync("/api/v1/circles/mine/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition?.ToString()
            ?? response.Headers.GetValues("Content-Disposition").First());
        var export = await response.Content.ReadFromJsonAsync<JsonElement>();
        var circle = export.GetProperty("circle");
        Assert.Equal(s.CircleId, circle.GetProperty("id").GetString());
        Assert.Equal(s.CarerName, circle.GetProperty("carer").GetProperty("name").GetString());
        Assert.Equal("06-12344321", circle.GetProperty("carer").GetProperty("phone").GetString());
        var request = circle.GetProperty("requests").EnumerateArray().Single(r => r.GetProperty("id").GetString() == s.RequestId);
        Assert.Equal("matched", request.GetProperty("status").GetString());
        Assert.Contains(request.GetProperty("history").EnumerateArray(), h => h.GetProperty("what").GetString()!.Contains("Privacytest"));
        var checkIn = Assert.Single(export.GetProperty("checkIns").EnumerateArray());
        Assert.Equal(4, checkIn.GetProperty("answers").EnumerateObject().First().Value.GetInt32());
        Assert.Equal(s.CarerUser, Assert.Single(export.GetProperty("accounts").EnumerateArray()).GetProperty("userName").GetString());
        Assert.DoesNotContain("hash", export.GetProperty("accounts").ToString(), StringComparison.OrdinalIgnoreCase);
        var appreciation = Assert.Single(export.GetProperty("appreciation").EnumerateArray());
        Assert.Equal((2032, "consulent"), (appreciation.GetProperty("year").GetInt32(), appreciation.GetProperty("by").GetString()));
        // The export is in the log it carries.
        var exported = export.GetProperty("accessLog").EnumerateArray().First();
        Assert.Equal(("exported", s.CarerUser), (exported.GetProperty("action").GetString(), exported.GetProperty("userName").GetString()));

        Assert.Equal(HttpStatusCode.OK, (await s.Consultant.GetAsync($"/api/v1/circles/{s.CircleId}/export")).StatusCode);
        foreach (var refused in new[] { s.Volunteer, await App.SignedIn("dorp-elsloo"), await App.SignedIn("mantelzorger"),
            await App.SignedIn("beheerder") })
        {
            var denied = await refused.GetAsync($"/api/v1/circles/{s.CircleId}/export");
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.DoesNotContain(s.CarerName, await denied.Content.ReadAsStringAsync());
        }

        // The volunteer's own export: profile and bookings, with the carer's contact only for the booking they are matched to.
        var own = await s.Volunteer.GetAsync("/api/v1/volunteers/me/export");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var mine = await own.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(s.VolunteerId, mine.GetProperty("profile").GetProperty("id").GetString());
        var booking = Assert.Single(mine.GetProperty("assignments").EnumerateArray());
        Assert.Equal(s.CarerName, booking.GetProperty("carer").GetProperty("name").GetString());
        Assert.Contains(await ReadLog(s.Consultant, s.CircleId), e => e.UserName == s.VolunteerUser && e.Action == "contactViewed"
            && e.Route == "GET /api/v1/volunteers/me/export");

        await EraseVolunteer(s);
    }

    /// <summary>A circle with a carer account, a PIW volunteer with an account, and a request the coordinator booked for them.</summary>
    private async Task<Setup> Arrange()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var consultant = await App.SignedIn("consulent");
        var carerName = $"Privacy Proefpersoon {tag}";
        var registered = await consultant.PostAsJsonAsync("/api/v1/circles", new
        {
            village = "elsloo",
            carerName,
            carerAge = 61,
            careRecipientName = $"Naaste {tag}",
            relationship = "partner",
            needs = Mobility,
            phone = "06-12344321",
            address = $"Privacystraat {tag[..4]}, Elsloo",
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var circleId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var carerUser = await NewAccountName(Role.Carer, "elsloo", circleId: circleId);

        var volunteerId = $"v-privacy-{tag}";
        var volunteer = Grains.GetGrain<IVolunteerGrain>(volunteerId);
        await volunteer.Register(new VolunteerProfile(volunteerId, $"Vrijwilliger {tag}", "elsloo", 5, [HelpKind.Buddy], [], 8, "piw"));
        var volunteerUser = await NewAccountName(Role.Volunteer, "elsloo", volunteerId: volunteerId, partnerId: "piw");

        var start = Journey.NextMonday(3).AddDays(2);
        var filed = await consultant.PostAsJsonAsync($"/api/v1/circles/{circleId}/requests",
            new { kind = "buddy", start = start.ToString("o"), end = start.AddHours(1).ToString("o"), notes = "Privacytest" });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var requestPath = filed.Headers.Location!.ToString();
        var requestId = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var assigned = await (await App.SignedIn("coordinator")).PostAsJsonAsync($"{requestPath}/assign",
            new { volunteerId, reason = "Privacytest" });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);

        return new Setup(circleId, carerName, requestPath, requestId, volunteerId, consultant,
            await App.SignedIn(carerUser, TestAccounts.Password), await App.SignedIn(volunteerUser, TestAccounts.Password), volunteerUser,
                carerUser);
    }

    /// <summary>Leaves no volunteer behind in the shared application; the operator may erase anyone.</summary>
    private async Task EraseVolunteer(Setup s) =>
        Assert.Equal(HttpStatusCode.NoContent, (await (await App.SignedIn("beheerder")).DeleteAsync($"/api/v1/volunteers/{s.VolunteerId}"))
            .StatusCode);

    private async Task<HttpClient> NewAccount(Role role, string village) =>
        await App.SignedIn(await NewAccountName(role, village), TestAccounts.Password);

    private async Task<string> NewAccountName(Role role, string village, string? circleId = null, string? volunteerId = null,
        string? partnerId = null)
    {
        var userName = $"privacy-{Guid.NewGuid():N}"[..24];
        await Grains.GetGrain<IAccountGrain>(userName).Set(
            new AccountRecord(userName, "Proef Account", Passwords.Hash(TestAccounts.Password), role, village, volunteerId, circleId,
                partnerId));
        return userName;
    }

    private static async Task<string> Body(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    private static Dictionary<string, int> Answers(int value) =>
        Kring.Balance.BalanceCheck.Questions.ToDictionary(q => q.Id, _ => value);

    private sealed record Entry(DateTimeOffset At, string UserName, string Role, string Action, string What, string Route,
        string? RequestId);

    private static async Task<List<Entry>> ReadLog(HttpClient client, string circleId)
    {
        var response = await client.GetAsync($"/api/v1/circles/{circleId}/access-log");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<Entry>>())!;
    }
}
