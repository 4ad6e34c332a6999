using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests;

[Collection(SecondWebCollection.Name)]
public sealed class RestartTests
{
    [Fact]
    public async Task Everything_acknowledged_is_still_there_after_a_restart()
    {
        string requestId;
        Uri location;
        string dataDirectory;
        await using (var app = await KringApp.Start())
        {
            dataDirectory = app.DataDirectory;
            var volunteer = await app.SignedIn("vrijwilliger");
            var carer = await app.SignedIn("mantelzorger");
            await Journey.SetMondayMorning(volunteer);
            (requestId, location) = await Journey.AskBuddy(carer, Journey.NextMonday(10), Journey.NextMonday(11));
            var offerId = await Journey.OfferFor(volunteer, requestId);
            (await volunteer.PostAsync($"/api/v1/offers/{offerId}/accept", null)).EnsureSuccessStatusCode();
        }

        await using (var app = await KringApp.Start(dataDirectory))
        {
            var volunteer = await app.SignedIn("vrijwilliger");
            var carer = await app.SignedIn("mantelzorger");
            Assert.Equal("matched", await Journey.Status(carer, location));
            var availability = await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/availability");
            Assert.Equal("09:00", availability.GetProperty("weekly")[0].GetProperty("from").GetString());
            var assignments = await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/assignments");
            Assert.Contains(assignments.EnumerateArray(), a => a.GetProperty("requestId").GetString() == requestId);

            var consultant = await app.SignedIn("consulent");
            var overview = await consultant.GetFromJsonAsync<JsonElement>("/api/v1/villages/elsloo/overview");
            Assert.Equal(1, overview.GetProperty("requests").GetProperty("matched").GetInt32());
        }
        Directory.Delete(dataDirectory, recursive: true);
    }
}
