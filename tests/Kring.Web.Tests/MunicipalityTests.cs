using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests;

/// <summary>
/// Municipalities as tenants: Stein and Ede are both seeded, and each one's consultant and village contact see only their
/// own villages and circles, through every door that names a circle: the API's routes and the pages' <c>kring</c> field.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class MunicipalityTests(SharedApp shared)
{
    private const string SteinCircle = "c-demo";
    private const string EdeCircle = "ede-c-0001";
    private KringApp App => shared.App;

    [Fact]
    public async Task Stein_and_Ede_are_listed_with_their_own_villages()
    {
        var anonymous = App.Client();
        var municipalities = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/municipalities");
        var ede = municipalities.EnumerateArray().Single(m => m.GetProperty("id").GetString() == "ede");
        Assert.Equal("Gemeente Ede", ede.GetProperty("name").GetString());
        Assert.True(ede.GetProperty("villages").GetArrayLength() >= 8);
        Assert.Contains(municipalities.EnumerateArray(), m => m.GetProperty("id").GetString() == "stein");

        var villages = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/villages?municipality=ede");
        var names = villages.EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToList();
        Assert.Equal(8, names.Count);
        Assert.Contains("Bennekom", names);
        Assert.DoesNotContain("Elsloo", names);
        Assert.All(villages.EnumerateArray(), v => Assert.Equal("ede", v.GetProperty("region").GetString()));
    }

    [Fact]
    public async Task A_consultant_reads_and_searches_only_the_circles_of_their_own_municipality()
    {
        var stein = await App.SignedIn("consulent", "kring-demo");
        var ede = await App.SignedIn("consulent-ede", "kring-demo");

        Assert.Equal(HttpStatusCode.OK, (await stein.GetAsync($"/api/v1/circles/{SteinCircle}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ede.GetAsync($"/api/v1/circles/{EdeCircle}")).StatusCode);
        await AssertHidden(await stein.GetAsync($"/api/v1/circles/{EdeCircle}"));
        await AssertHidden(await ede.GetAsync($"/api/v1/circles/{SteinCircle}"));
        await AssertHidden(await ede.GetAsync($"/api/v1/circles/{SteinCircle}/calendar"));
        await AssertHidden(await ede.GetAsync($"/api/v1/circles/{SteinCircle}/access-log"));

        var found = await ede.GetFromJsonAsync<JsonElement>("/api/v1/circles?village=bennekom");
        Assert.True(found.GetProperty("total").GetInt32() > 0);
        Assert.All(found.GetProperty("circles").EnumerateArray(), c => Assert.Equal("bennekom", c.GetProperty("village").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await ede.GetAsync("/api/v1/circles?village=elsloo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stein.GetAsync("/api/v1/circles?village=bennekom")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await stein.GetAsync("/api/v1/circles")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await ede.GetAsync($"/Hulpvragen?kring={SteinCircle}")).StatusCode);
        var page = await ede.GetStringAsync("/Kringen");
        Assert.Contains("Bennekom", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Elsloo", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_of_Ede_see_only_Edes_villages_and_a_new_circle_lands_only_in_one_of_them()
    {
        var contact = await App.SignedIn("dorp-bennekom", "kring-demo");
        Assert.Equal(HttpStatusCode.OK, (await contact.GetAsync("/api/v1/villages/bennekom/overview")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await contact.GetAsync("/api/v1/villages/elsloo/overview")).StatusCode);

        var consultant = await App.SignedIn("consulent-ede", "kring-demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await consultant.GetAsync("/api/v1/villages/elsloo/overview")).StatusCode);
        var signals = await consultant.GetFromJsonAsync<JsonElement>("/api/v1/signals");
        Assert.All(signals.EnumerateArray(), s => Assert.NotEqual("elsloo", s.GetProperty("village").GetString()));

        var elsewhere = await consultant.PostAsJsonAsync("/api/v1/circles", NewCircle("elsloo"));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        var own = await consultant.PostAsJsonAsync("/api/v1/circles", NewCircle("lunteren"));
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
    }

    [Fact]
    public async Task Edes_consultant_imports_carers_into_Ede_once_and_never_into_Stein()
    {
        var consultant = await App.SignedIn("consulent-ede");
        var run = Guid.NewGuid().ToString("N")[..8];
        const string header = "externalId;village;carerName;carerAge;careRecipientName;relationship;needs;phone;address";
        StringContent File(string village) =>
            new($"{header}\nE-{run};{village};Aaltje Proefhuis;74;Hendrik Proefhuis;partner;;0318-000001;Proeflaan 3\n",
                System.Text.Encoding.UTF8, "text/csv");
        const string ede = "/api/v1/municipalities/ede/import/circles";

        var first = await consultant.PostAsync(ede, File("bennekom"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("new").GetInt32());
        var again = await (await consultant.PostAsync(ede, File("bennekom"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, again.GetProperty("new").GetInt32() + again.GetProperty("updated").GetInt32());

        var stein = await App.SignedIn("consulent");
        Assert.Equal(HttpStatusCode.Forbidden, (await consultant.PostAsync("/api/v1/municipalities/stein/import/circles",
            File("elsloo"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stein.PostAsync(ede, File("bennekom"))).StatusCode);
        var elsewhere = await consultant.PostAsync(ede, File("elsloo"));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Equal(2, (await elsewhere.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows")[0].GetProperty("row").GetInt32());
    }

    private static object NewCircle(string village) => new
    {
        village,
        carerName = "Gerrit Proefhuis",
        carerAge = 71,
        careRecipientName = "Riek Proefhuis",
        relationship = "partner",
        needs = Array.Empty<string>(),
        phone = "06-00000001",
        address = "Proefweg 1",
    };

    private static async Task AssertHidden(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Deze kring bestaat niet.", problem.GetProperty("detail").GetString());
    }
}
