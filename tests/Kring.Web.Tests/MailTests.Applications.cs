using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kring.Web.Tests;

/// <summary>Volunteers who sign up themselves: a mail at each step, and an account only once the coordinator approves.</summary>
public sealed partial class MailTests
{
    private static readonly string[] Buddy = ["buddy"];
    private static readonly string[] InvalidFields = ["name", "email", "village", "kinds", "maxKm"];

    [Fact]
    public async Task A_volunteer_who_signs_up_hears_of_it_and_after_the_coordinators_approval_signs_in_with_the_mailed_code()
    {
        var anonymous = App.Client();
        var email = $"aanmelder-{Guid.NewGuid():N}@example.org";
        var applied = await anonymous.PostAsJsonAsync("/api/v1/partners/piw/applications", new
        {
            name = "Ada Aanmelder",
            email,
            mobile = "06-12345678",
            village = "elsloo",
            kinds = Buddy,
            maxKm = 8,
            note = "Ik wandel graag.",
        });
        Assert.Equal(HttpStatusCode.Accepted, applied.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync("/api/v1/partners/piw/applications",
            new { name = "Ada Aanmelder", email, village = "elsloo", kinds = Buddy, maxKm = 8 })).StatusCode);
        await Smtp.WaitFor(email, m => m.Subject == "Uw aanmelding bij Partners in Welzijn (PIW)", "the mail that the application arrived");
        var invalid = await anonymous.PostAsJsonAsync("/api/v1/partners/piw/applications",
            new { name = "", email = "geen-adres", village = "parijs", kinds = Array.Empty<string>(), maxKm = 500 });
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in InvalidFields)
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsJsonAsync("/api/v1/partners/niemand/applications",
            new { name = "X" })).StatusCode);

        var coordinator = await App.SignedIn("coordinator");
        var waiting = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/partners/piw/applications");
        var ada = Assert.Single(waiting.EnumerateArray(), a => a.GetProperty("email").GetString() == email);
        Assert.Equal("Ik wandel graag.", ada.GetProperty("note").GetString());
        var approved = await coordinator.PostAsync($"/api/v1/partners/piw/applications/{ada.GetProperty("id").GetString()}/approve", null);
        Assert.Equal(HttpStatusCode.Created, approved.StatusCode);
        var volunteer = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, volunteer.GetProperty("activationCode").ValueKind);
        var userName = volunteer.GetProperty("userName").GetString()!;
        Assert.StartsWith("ada-", userName, StringComparison.Ordinal);
        Assert.DoesNotContain((await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/partners/piw/applications")).EnumerateArray(),
            a => a.GetProperty("email").GetString() == email);

        var welcome = await Smtp.WaitFor(email, m => m.Subject == "Welkom bij Partners in Welzijn (PIW) in Kring", "the way in");
        var code = Regex.Match(Text(welcome), @"eenmalige code: (\S+)").Groups[1].Value;
        var signedIn = await App.Activate(userName, code, "ada-wandelt-graag-1");
        var profile = await signedIn.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/preferences");
        Assert.Equal(8, profile.GetProperty("maxKm").GetDouble());
        Assert.Contains(await coordinator.GetFromJsonAsync<JsonElement[]>("/api/v1/partners/piw/volunteers") ?? [],
            v => v.GetProperty("id").GetString() == volunteer.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_declined_volunteer_sign_up_is_mailed_and_gone()
    {
        var email = $"afgewezen-{Guid.NewGuid():N}@example.org";
        (await App.Client().PostAsJsonAsync("/api/v1/partners/piw/applications",
            new { name = "Bob Bezig", email, village = "stein", kinds = Buddy, maxKm = 5 })).EnsureSuccessStatusCode();
        var coordinator = await App.SignedIn("coordinator");
        var bob = (await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/partners/piw/applications")).EnumerateArray()
            .Single(a => a.GetProperty("email").GetString() == email).GetProperty("id").GetString();

        var declined = await coordinator.PostAsync($"/api/v1/partners/piw/applications/{bob}/decline", null);
        Assert.Equal(HttpStatusCode.NoContent, declined.StatusCode);

        await Smtp.WaitFor(email, m => Text(m).Contains("kan uw aanmelding als vrijwilliger nu niet aannemen", StringComparison.Ordinal),
            "the mail that the application was declined");
        var late = await coordinator.PostAsync($"/api/v1/partners/piw/applications/{bob}/approve", null);
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
    }
}
