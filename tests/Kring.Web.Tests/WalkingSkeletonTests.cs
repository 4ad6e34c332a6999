using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class WalkingSkeletonTests(SharedApp shared)
{
    private KringApp App => shared.App;

    [Fact]
    public async Task Availability_request_offer_accept_ends_matched()
    {
        var volunteer = await App.SignedIn("vrijwilliger");
        var carer = await App.SignedIn("mantelzorger");
        await Journey.SetMondayMorning(volunteer);

        var (requestId, location) = await Journey.AskBuddy(carer, Journey.NextMonday(9, 30), Journey.NextMonday(10, 30));
        var offerId = await Journey.OfferFor(volunteer, requestId);

        var accept = await volunteer.PostAsync($"/api/v1/offers/{offerId}/accept", null);
        Assert.Equal(HttpStatusCode.OK, accept.StatusCode);
        Assert.Equal("accepted", (await accept.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString());
        Assert.Equal("matched", await Journey.Status(carer, location));

        var again = await volunteer.PostAsync($"/api/v1/offers/{offerId}/accept", null);
        Assert.Equal("alreadyAccepted", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString());
        var assignments = await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/assignments");
        Assert.Single(assignments.EnumerateArray(), a => a.GetProperty("requestId").GetString() == requestId);
    }

    [Fact]
    public async Task Declined_offer_is_answered_and_cannot_be_accepted_afterwards()
    {
        var volunteer = await App.SignedIn("vrijwilliger");
        var carer = await App.SignedIn("mantelzorger");
        await Journey.SetMondayMorning(volunteer);
        var (requestId, _) = await Journey.AskBuddy(carer, Journey.NextMonday(11, 0), Journey.NextMonday(11, 45));
        var offerId = await Journey.OfferFor(volunteer, requestId);

        var decline = await volunteer.PostAsync($"/api/v1/offers/{offerId}/decline", null);
        Assert.Equal("declined", (await decline.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString());
        var accept = await volunteer.PostAsync($"/api/v1/offers/{offerId}/accept", null);
        Assert.Equal(HttpStatusCode.Conflict, accept.StatusCode);
        var problem = await accept.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("alreadyDeclined", problem.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Same_idempotency_key_files_one_request()
    {
        var carer = await App.SignedIn("mantelzorger");
        var key = Guid.NewGuid().ToString();
        var first = await Journey.AskBuddy(carer, Journey.NextMonday(19), Journey.NextMonday(20), key);
        var second = await Journey.AskBuddy(carer, Journey.NextMonday(19), Journey.NextMonday(20), key);
        Assert.Equal(first.Id, second.Id);

        var circle = await carer.GetFromJsonAsync<JsonElement>("/api/v1/circles/mine");
        Assert.Single(circle.GetProperty("requests").EnumerateArray(), r => r.GetProperty("id").GetString() == first.Id);
    }

    [Fact]
    public async Task Village_overview_counts_members_and_requests()
    {
        var contact = await App.SignedIn("dorp-elsloo");
        var overview = await contact.GetFromJsonAsync<JsonElement>("/api/v1/villages/elsloo/overview");
        Assert.True(overview.GetProperty("carers").GetInt32() > 100);
        Assert.True(overview.GetProperty("volunteers").GetInt32() > 10);
        Assert.True(overview.GetProperty("requests").TryGetProperty("matched", out _));

        var other = await contact.GetAsync("/api/v1/villages/stein/overview");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task Villages_are_listed_with_coordinates()
    {
        var villages = await App.Client().GetFromJsonAsync<JsonElement>("/api/v1/villages");
        var names = villages.EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToList();
        Assert.Equal(10 + 8, names.Count); // Stein's and Ede's
        Assert.Contains("Berg aan de Maas", names);
        var elsloo = villages.EnumerateArray().Single(v => v.GetProperty("id").GetString() == "elsloo");
        Assert.InRange(elsloo.GetProperty("lat").GetDouble(), 50.9, 51.0);
    }

    [Fact]
    public async Task Dashboard_answers_operators_and_refuses_others()
    {
        var anonymous = await App.Client().GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Inloggen", anonymous.Headers.Location!.ToString());

        var consultant = await App.SignedIn("consulent");
        Assert.Equal(HttpStatusCode.Forbidden, (await consultant.GetAsync("/dashboard/")).StatusCode);

        var operatorClient = await App.SignedIn("beheerder");
        var page = await operatorClient.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
