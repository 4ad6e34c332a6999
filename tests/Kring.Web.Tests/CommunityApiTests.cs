using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class CommunityApiTests(SharedApp shared)
{
    private KringApp App => shared.App;

    [Fact]
    public async Task The_appreciation_round_lists_every_registered_carer_and_records_who_received_it()
    {
        var consultant = await App.SignedIn("consulent");
        var before = await consultant.GetFromJsonAsync<JsonElement>("/api/v1/appreciation/2031");
        Assert.True(before.GetProperty("eligible").GetInt32() >= 900);
        Assert.Equal(0, before.GetProperty("received").GetInt32());

        var mark = await consultant.PostAsync("/api/v1/appreciation/2031/c-0007/received", null);
        Assert.Equal(HttpStatusCode.OK, mark.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await consultant.PostAsync("/api/v1/appreciation/2031/c-0007/received", null)).StatusCode);

        var after = await consultant.GetFromJsonAsync<JsonElement>("/api/v1/appreciation/2031");
        Assert.Equal(1, after.GetProperty("received").GetInt32());
        Assert.True(after.GetProperty("carers").EnumerateArray().Single(c => c.GetProperty("circleId").GetString() == "c-0007")
            .GetProperty("received").GetBoolean());

        var letter = await consultant.GetAsync("/Waardering/Brief?kring=c-0007&jaar=2031");
        Assert.Equal(HttpStatusCode.OK, letter.StatusCode);
        Assert.Contains("Mantelzorgwaardering 2031", await letter.Content.ReadAsStringAsync());

        var carer = await App.SignedIn("mantelzorger");
        Assert.Equal(HttpStatusCode.Forbidden, (await carer.GetAsync("/api/v1/appreciation/2031")).StatusCode);
    }

    [Fact]
    public async Task Partners_rate_the_village_network_and_the_contact_person_sees_the_trend()
    {
        var coordinator = await App.SignedIn("coordinator");
        var questions = await App.Client().GetFromJsonAsync<JsonElement>("/api/v1/network/questions");
        Assert.Equal(5, questions.GetArrayLength());
        var answers = questions.EnumerateArray().ToDictionary(q => q.GetProperty("id").GetString()!, _ => 4);

        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsJsonAsync("/api/v1/villages/elsloo/network-ratings",
            new { answers })).StatusCode);
        var invalid = await coordinator.PostAsJsonAsync("/api/v1/villages/elsloo/network-ratings", new { answers = new { ambitie = 6 } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        var contact = await App.SignedIn("dorp-elsloo");
        var trend = await contact.GetFromJsonAsync<JsonElement>("/api/v1/villages/elsloo/network-health");
        var latest = trend.EnumerateArray().Last();
        Assert.True(latest.GetProperty("ratings").GetInt32() >= 1);
        Assert.InRange(latest.GetProperty("overall").GetDouble(), 1, 5);
        Assert.Equal(HttpStatusCode.Forbidden, (await contact.GetAsync("/api/v1/villages/stein/network-health")).StatusCode);
    }
}
