using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Web.Tests.Security;

namespace Kring.Web.Tests;

/// <summary>Erasing a circle or a volunteer.</summary>
public sealed partial class PrivacyTests
{
    [Fact]
    public async Task Erasing_a_circle_leaves_nothing_personal_releases_its_volunteer_and_keeps_the_counts()
    {
        var s = await Arrange();
        var coordinator = await App.SignedIn("coordinator");
        var overview = await s.Consultant.GetFromJsonAsync<JsonElement>("/api/v1/villages/elsloo/overview");

        // Only the consultant erases, after a confirmation step on the page.
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Carer.DeleteAsync($"/api/v1/circles/{s.CircleId}")).StatusCode);
        var form = await Forms.Read(s.Consultant, $"/Kringen/Wissen?kring={s.CircleId}");
        var unconfirmed = await s.Consultant.PostAsync("/Kringen/Wissen",
            form.With(new Dictionary<string, string> { ["Kring"] = s.CircleId }));
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Consultant.GetAsync($"/api/v1/circles/{s.CircleId}")).StatusCode);
        var erased = await s.Consultant.PostAsync("/Kringen/Wissen",
            form.With(new Dictionary<string, string> { ["Kring"] = s.CircleId, ["Confirmed"] = "true" }));
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        Assert.Equal("/Kringen?dorp=elsloo", erased.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NoContent, (await s.Consultant.DeleteAsync($"/api/v1/circles/{s.CircleId}")).StatusCode);

        // Reads are gone: 410 for the consultant, in Dutch; the carer's account and sessions no longer exist.
        foreach (var path in new[] { $"/api/v1/circles/{s.CircleId}", s.RequestPath, $"/api/v1/circles/{s.CircleId}/export" })
        {
            var gone = await s.Consultant.GetAsync(path);
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            var problem = await gone.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Gewist.", problem.GetProperty("title").GetString());
            Assert.Equal("Deze kring is gewist.", problem.GetProperty("detail").GetString());
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await s.Carer.GetAsync("/api/v1/me")).StatusCode);
        var signIn = await App.Client().PostAsJsonAsync("/api/v1/session",
            new { username = s.CarerUser, password = TestAccounts.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.SignedIn("dorp-elsloo")).GetAsync($"/api/v1/circles/{s.CircleId}"))
            .StatusCode);

        // The volunteer's booking was cancelled and left their schedule; the request's history says why.
        Assert.DoesNotContain(s.RequestId, await s.Volunteer.GetStringAsync("/api/v1/volunteers/me/assignments"));

        // The log keeps who erased it and nothing personal.
        var log = await ReadLog(s.Consultant, s.CircleId);
        Assert.Equal(("erased", "consulent", $"DELETE /api/v1/circles/{s.CircleId}"), (log[0].Action, log[0].UserName, log[0].Route));
        Assert.Contains(log, e => e.Action == "erased" && e.Route == "POST /Kringen/Wissen");
        Assert.DoesNotContain(log, e => e.UserName == s.CarerUser);

        await AssertNameGone(s, coordinator);

        // The village still counts: one carer fewer, the request stays as an anonymous count.
        var after = await s.Consultant.GetFromJsonAsync<JsonElement>("/api/v1/villages/elsloo/overview");
        Assert.Equal(overview.GetProperty("carers").GetInt32() - 1, after.GetProperty("carers").GetInt32());
        var tracked = (await Grains.GetGrain<IVillageGrain>("elsloo").GetMembers()).Requests.Single(r => r.Id == s.RequestId);
        Assert.Equal((RequestStatus.Cancelled, "", 0), (tracked.Status, tracked.CircleId, tracked.Needs.Count));

        await EraseVolunteer(s);
    }

    [Fact]
    public async Task Erasing_a_volunteer_is_for_their_coordinator_the_operator_or_themselves_with_their_password()
    {
        var s = await Arrange();
        var coordinator = await App.SignedIn("coordinator");
        var otherPartners = (await Grains.GetGrain<IPartnerGrain>("de-brug").GetVolunteers())[0];
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.DeleteAsync($"/api/v1/volunteers/{otherPartners}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Consultant.DeleteAsync($"/api/v1/volunteers/{s.VolunteerId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Volunteer.DeleteAsync($"/api/v1/volunteers/{s.VolunteerId}")).StatusCode);

        // The page asks for a tick and the password; without them nothing happens.
        var form = await Forms.Read(s.Volunteer, "/Vrijwilliger/Wissen");
        var unconfirmed = await s.Volunteer.PostAsync("/Vrijwilliger/Wissen",
            form.With(new Dictionary<string, string> { ["Password"] = TestAccounts.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Vink aan dat u begrijpt", await unconfirmed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await s.Volunteer.GetAsync("/api/v1/me")).StatusCode);

        var wrong = await s.Volunteer.SendAsync(new HttpRequestMessage(HttpMethod.Delete,
            "/api/v1/volunteers/me")
        { Content = JsonContent.Create(new { password = "niet-goed" }) });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _));
        var me = await s.Volunteer.SendAsync(new HttpRequestMessage(HttpMethod.Delete,
            "/api/v1/volunteers/me")
        { Content = JsonContent.Create(new { password = TestAccounts.Password }) });
        Assert.Equal(HttpStatusCode.NoContent, me.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await s.Volunteer.GetAsync("/api/v1/me")).StatusCode);

        // Their booking went back to the circle and opened again for matching, with the reason in its history.
        var request = await s.Consultant.GetFromJsonAsync<JsonElement>(s.RequestPath);
        Assert.NotEqual("matched", request.GetProperty("status").GetString());
        Assert.Contains(request.GetProperty("history").EnumerateArray(), h => h.GetProperty("what").GetString()!.Contains("verlaten"));
        Assert.DoesNotContain(s.VolunteerId, await coordinator.GetStringAsync("/api/v1/partners/piw/volunteers"));
        // Repeating is harmless; an id that never existed is not found.
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.DeleteAsync($"/api/v1/volunteers/{s.VolunteerId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.SignedIn("beheerder")).DeleteAsync("/api/v1/volunteers/v-nooit-bestaan"))
            .StatusCode);
        (await s.Consultant.PostAsync($"{s.RequestPath}/cancel", null)).EnsureSuccessStatusCode();
    }

    /// <summary>The erased carer's name appears nowhere any more.</summary>
    private static async Task AssertNameGone(Setup s, HttpClient coordinator)
    {
        var consultantPaths = new[]
        {
            $"/api/v1/circles/{s.CircleId}", $"/api/v1/circles/{s.CircleId}/access-log", $"/api/v1/appreciation/{DateTime.UtcNow.Year}",
            "/api/v1/signals", "/api/v1/villages/elsloo/overview", "/api/v1/villages/elsloo/quiet", "/api/v1/villages/elsloo/overview.csv",
            $"/Kringen?dorp=elsloo&zoek={s.CarerName[^8..]}", "/Dorp?dorp=elsloo",
        };
        foreach (var path in consultantPaths) Assert.DoesNotContain(s.CarerName, await Body(s.Consultant, path));
        foreach (var path in new[] { "/api/v1/volunteers/me/offers", "/api/v1/volunteers/me/assignments", "/api/v1/volunteers/me/export",
            "/Vrijwilliger" })
        {
            Assert.DoesNotContain(s.CarerName, await Body(s.Volunteer, path));
        }
        Assert.DoesNotContain(s.CarerName, await Body(coordinator, "/api/v1/partners/piw/queue"));
    }
}
