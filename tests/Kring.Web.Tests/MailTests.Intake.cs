using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kring.Web.Tests;

/// <summary>Carers who register themselves or are referred: only the consultant sees them until the circle is accepted.</summary>
public sealed partial class MailTests
{
    [Fact]
    public async Task A_carer_who_registers_is_seen_only_by_the_consultant_and_after_acceptance_signs_in_with_the_mailed_code()
    {
        var email = $"zelf-{Guid.NewGuid():N}@example.org";
        var anonymous = App.Client();
        var sent = await anonymous.PostAsJsonAsync("/api/v1/intake", Intake("Iris Intake", email, referrer: null, referrerEmail: null));
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        await Smtp.WaitFor(email, m => m.Subject == "Uw aanmelding bij de mantelzorgconsulent", "the receipt");
        var invalid = await anonymous.PostAsJsonAsync("/api/v1/intake",
            Intake("", "geen-adres", referrer: "Buurman Bert", referrerEmail: null));
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("carerName", out _));
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("referrerEmail", out _));

        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.SignedIn("dorp-elsloo")).GetAsync("/api/v1/intake")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.SignedIn("mantelzorger")).GetAsync("/api/v1/intake")).StatusCode);
        var consultant = await App.SignedIn("consulent");
        var iris = (await consultant.GetFromJsonAsync<JsonElement>("/api/v1/intake")).EnumerateArray()
            .Single(i => i.GetProperty("email").GetString() == email);
        Assert.Equal(JsonValueKind.Null, iris.GetProperty("referredBy").ValueKind);

        var accepted = await consultant.PostAsync($"/api/v1/intake/{iris.GetProperty("id").GetString()}/accept", null);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var made = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        var circleId = made.GetProperty("circleId").GetString();
        var userName = made.GetProperty("userName").GetString()!;
        var welcome = await Smtp.WaitFor(email, m => m.Subject == "Welkom bij Kring", "the way in");
        var code = Regex.Match(Text(welcome), @"eenmalige code: (\S+)").Groups[1].Value;
        var carer = await App.Activate(userName, code, "iris-zorgt-voor-henk-4");
        var circle = await carer.GetFromJsonAsync<JsonElement>("/api/v1/circles/mine");
        Assert.Equal(circleId, circle.GetProperty("id").GetString());
        Assert.Equal("Henk Intake", circle.GetProperty("careRecipient").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await consultant.PostAsync($"/api/v1/intake/{iris.GetProperty("id").GetString()}/accept",
            null)).StatusCode);
    }

    [Fact]
    public async Task A_neighbours_referral_is_answered_to_the_neighbour_and_a_declined_one_is_gone()
    {
        var neighbour = $"buur-{Guid.NewGuid():N}@example.org";
        (await App.Client().PostAsJsonAsync("/api/v1/intake", Intake("Rob Referral", null, "Joke, buurvrouw", neighbour)))
            .EnsureSuccessStatusCode();
        await Smtp.WaitFor(neighbour, m => Text(m).Contains("dat u Rob hebt aangemeld", StringComparison.Ordinal), "the receipt");
        var consultant = await App.SignedIn("consulent");
        var rob = (await consultant.GetFromJsonAsync<JsonElement>("/api/v1/intake")).EnumerateArray()
            .Single(i => i.GetProperty("referrerEmail").GetString() == neighbour);
        Assert.Equal("Joke, buurvrouw", rob.GetProperty("referredBy").GetString());

        var declined = await consultant.PostAsync($"/api/v1/intake/{rob.GetProperty("id").GetString()}/decline", null);

        Assert.Equal(HttpStatusCode.NoContent, declined.StatusCode);
        await Smtp.WaitFor(neighbour, m => Text(m).Contains("neemt haar niet op in Kring", StringComparison.Ordinal), "the answer");
        Assert.DoesNotContain((await consultant.GetFromJsonAsync<JsonElement>("/api/v1/intake")).EnumerateArray(),
            i => i.GetProperty("referrerEmail").GetString() == neighbour);
    }

    private static object Intake(string carerName, string? email, string? referrer, string? referrerEmail) => new
    {
        village = "elsloo",
        carerName,
        carerAge = 71,
        careRecipientName = "Henk Intake",
        relationship = "partner",
        needs = Dementia,
        phone = "046-4331234",
        address = "Dorpsstraat 1, Elsloo",
        email,
        referrerName = referrer,
        referrerEmail,
        note = "Graag 's ochtends bellen.",
    };

    private static readonly string[] Dementia = ["dementia"];
}
