using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests;

/// <summary>The village contact person keeps the initiatives up to date; everyone reads them, partners included.</summary>
[Collection(WebCollection.Name)]
public sealed class InitiativeApiTests(SharedApp shared)
{
    private KringApp App => shared.App;

    [Fact]
    public async Task A_good_example_added_by_the_contact_person_is_listed_for_everyone_and_can_be_taken_away()
    {
        var contact = await App.SignedIn("dorp-elsloo", "kring-demo");
        var name = $"Samen koken {Guid.NewGuid().ToString("N")[..6]}";

        var saved = await contact.PostAsJsonAsync("/api/v1/villages/elsloo/initiatives",
            new { name, description = "Elke donderdag koken buren samen met mantelzorgers.", goodExample = true });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var listed = await Initiative(name);
        Assert.True(listed?.GetProperty("goodExample").GetBoolean());
        Assert.False(listed!.Value.TryGetProperty("updatedBy", out _));

        var updated = await contact.PostAsJsonAsync("/api/v1/villages/elsloo/initiatives",
            new { name = name.ToUpperInvariant(), description = "Nu op vrijdag.", goodExample = false });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Nu op vrijdag.", (await Initiative(name))?.GetProperty("description").GetString());

        var elsewhere = await contact.PostAsJsonAsync("/api/v1/villages/urmond/initiatives", new { name, description = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        var bad = await contact.PostAsJsonAsync("/api/v1/villages/elsloo/initiatives", new { name = "", description = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent,
            (await contact.DeleteAsync($"/api/v1/villages/elsloo/initiatives/{Uri.EscapeDataString(name)}")).StatusCode);
        Assert.Null(await Initiative(name));
    }

    private async Task<JsonElement?> Initiative(string name)
    {
        var villages = await App.Client().GetFromJsonAsync<JsonElement>("/api/v1/villages");
        var elsloo = villages.EnumerateArray().First(v => v.GetProperty("id").GetString() == "elsloo");
        foreach (var i in elsloo.GetProperty("initiatives").EnumerateArray())
        {
            if (string.Equals(i.GetProperty("name").GetString(), name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return null;
    }
}
