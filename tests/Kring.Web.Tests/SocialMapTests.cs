using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;
using Kring.Web.Tests.Security;

namespace Kring.Web.Tests;

/// <summary>
/// The sociale kaart: the municipality's staff keep a partner's details up to date, everyone sees them on /SocialeKaart and
/// at GET /api/v1/partners, and both search by village and need. Only partners no other test reads are changed here.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SocialMapTests(SharedApp shared)
{
    private static readonly string[] InformationAndAdvice = ["informationAndAdvice"];
    private static readonly string[] ElslooAndUrmond = ["elsloo", "urmond"];
    private static readonly string[] Taxi = ["taxi"];
    private static readonly string[] Nowhere = ["nergens"];
    private static readonly string[] Buddy = ["buddy"];
    private static readonly string[] Bennekom = ["bennekom"];
    private KringApp App => shared.App;

    [Fact]
    public async Task A_consultant_updates_a_partner_and_the_public_map_shows_it_with_links()
    {
        var consultant = await App.SignedIn("consulent");
        var updated = await consultant.PutAsJsonAsync("/api/v1/partners/woningcorporatie", new
        {
            description = "Vragen over wonen, aanpassingen in huis en een woning dichter bij de kinderen.",
            services = InformationAndAdvice,
            address = "Voorbeeldplein 10, Stein",
            openingHours = "dinsdag 9.00-11.00",
            phone = "046-000 0123",
            website = "https://www.gemeentestein.nl/wonen",
            villages = ElslooAndUrmond,
        });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var saved = await updated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("046-000 0123", saved.GetProperty("phone").GetString());
        Assert.Equal(["elsloo", "urmond"], saved.GetProperty("villages").EnumerateArray().Select(v => v.GetString()));
        Assert.NotEqual(JsonValueKind.Null, saved.GetProperty("updatedAt").ValueKind);
        Assert.False(saved.TryGetProperty("updatedBy", out _));

        var listed = await Partner("woningcorporatie");
        Assert.Equal("https://www.gemeentestein.nl/wonen", listed.GetProperty("website").GetString());
        Assert.Equal("Voorbeeldplein 10, Stein", listed.GetProperty("address").GetString());

        var map = await App.Client().GetStringAsync("/SocialeKaart");
        Assert.Contains("href=\"tel:0460000123\"", map);
        Assert.Contains("046-000 0123", map);
        Assert.Contains("href=\"https://www.gemeentestein.nl/wonen\"", map);
        Assert.Contains("dinsdag 9.00-11.00", map);
        Assert.Contains("Woningcorporatie (inloop)", await App.Client().GetStringAsync("/SocialeKaart?dorp=urmond"));
        Assert.DoesNotContain("Woningcorporatie (inloop)", await App.Client().GetStringAsync("/SocialeKaart?dorp=stein"));
    }

    [Fact]
    public async Task Bad_details_get_a_400_with_a_Dutch_message_per_field_and_change_nothing()
    {
        var consultant = await App.SignedIn("consulent");
        var before = (await Partner("mee")).GetProperty("description").GetString();

        var bad = await consultant.PutAsJsonAsync("/api/v1/partners/mee", new
        {
            description = "",
            services = Taxi,
            phone = "bel de receptie",
            website = "javascript:alert(1)",
            villages = Nowhere,
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("Beschrijf wat de organisatie doet", errors.GetProperty("description")[0].GetString());
        Assert.Contains("maatje", errors.GetProperty("services")[0].GetString());
        Assert.Contains("cijfers, spaties", errors.GetProperty("phone")[0].GetString());
        Assert.Contains("https://", errors.GetProperty("website")[0].GetString());
        Assert.Contains("bestaat niet", errors.GetProperty("villages")[0].GetString());
        Assert.Equal(before, (await Partner("mee")).GetProperty("description").GetString());

        var tooLong = await consultant.PutAsJsonAsync("/api/v1/partners/mee", new
        {
            description = new string('x', 1001),
            services = InformationAndAdvice,
            website = "ftp://www.gemeentestein.nl",
        });
        var tooLongErrors = (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("hooguit 1000 tekens", tooLongErrors.GetProperty("description")[0].GetString());
        Assert.True(tooLongErrors.TryGetProperty("website", out _));

        var unknown = await consultant.PutAsJsonAsync("/api/v1/partners/bestaat-niet",
            new { description = "x", services = Buddy });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Only_the_municipalitys_staff_may_update_a_partner()
    {
        var body = new { description = "Overgenomen.", services = Buddy };
        var volunteer = await (await App.SignedIn("vrijwilliger")).PutAsJsonAsync("/api/v1/partners/mee", body);
        Assert.Equal(HttpStatusCode.Forbidden, volunteer.StatusCode);
        Assert.Equal("application/problem+json", volunteer.Content.Headers.ContentType?.MediaType);
        var refusal = await volunteer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("mantelzorgconsulent", refusal.GetProperty("detail").GetString());
        var coordinator = await (await App.SignedIn("coordinator")).PutAsJsonAsync("/api/v1/partners/piw", body);
        Assert.Equal(HttpStatusCode.Forbidden, coordinator.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Client().PutAsJsonAsync("/api/v1/partners/mee", body)).StatusCode);
        Assert.NotEqual("Overgenomen.", (await Partner("mee")).GetProperty("description").GetString());

        // A bearer token is refused with 403; a browser's cookie session is sent to /Geweigerd.
        var page = await (await App.SignedIn("vrijwilliger")).GetAsync("/SocialeKaart/Bewerken?organisatie=mee");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.DoesNotContain("/SocialeKaart/Bewerken", await App.Client().GetStringAsync("/SocialeKaart"));
        Assert.Contains("/SocialeKaart/Bewerken?organisatie=mee", await (await App.SignedIn("beheerder")).GetStringAsync("/SocialeKaart"));
    }

    [Fact]
    public async Task Staff_of_one_municipality_update_only_its_partners_and_with_its_villages()
    {
        var body = new { description = "Overgenomen.", services = InformationAndAdvice };
        var ede = await App.SignedIn("consulent-ede");
        Assert.Equal(HttpStatusCode.Forbidden, (await ede.PutAsJsonAsync("/api/v1/partners/mee", body)).StatusCode);
        var stein = await App.SignedIn("consulent");
        Assert.Equal(HttpStatusCode.Forbidden, (await stein.PutAsJsonAsync("/api/v1/partners/ede-bibliotheek", body)).StatusCode);

        var bennekom = await stein.PutAsJsonAsync("/api/v1/partners/mee", new
        {
            description = "Onafhankelijke clientondersteuning.",
            services = InformationAndAdvice,
            villages = Bennekom,
        });
        Assert.Equal(HttpStatusCode.BadRequest, bennekom.StatusCode);
        var errors = (await bennekom.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("hoort niet bij de gemeente", errors.GetProperty("villages")[0].GetString());

        var map = await stein.GetStringAsync("/SocialeKaart");
        Assert.Contains("/SocialeKaart/Bewerken?organisatie=mee", map);
        Assert.DoesNotContain("/SocialeKaart/Bewerken?organisatie=ede-bibliotheek", map);
        // A partner without villages works in all of its own municipality's, not in another's.
        var inBennekom = await Ids(App.Client(), "/api/v1/partners?village=bennekom");
        Assert.Contains("ede-maatjes", inBennekom);
        Assert.DoesNotContain("piw", inBennekom);
    }

    [Fact]
    public async Task The_consultant_updates_a_partner_on_the_page_and_a_mistake_comes_back_in_Dutch()
    {
        var consultant = await App.SignedIn("consulent");
        const string path = "/SocialeKaart/Bewerken?organisatie=casemanagers-dementie";
        var form = await Forms.Read(consultant, path);

        var wrong = await consultant.PostAsync(path, form.With(Fields("niet-bellen", "www.zonder-schema")));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        // Razor writes + as &#x2B;, so read the page as text.
        var html = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());
        Assert.Contains("Vul een telefoonnummer in met alleen cijfers, spaties, + en -.", html);
        Assert.Contains("begint met https:// of http://", html);

        var saved = await consultant.PostAsync(path, form.With(Fields("+31 46 000 0777", "")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/SocialeKaart#organisatie-casemanagers-dementie", saved.Headers.Location?.OriginalString);
        var partner = await Partner("casemanagers-dementie");
        Assert.Equal("+31 46 000 0777", partner.GetProperty("phone").GetString());
        Assert.Equal(["elsloo"], partner.GetProperty("villages").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(JsonValueKind.Null, partner.GetProperty("website").ValueKind);
        var map = WebUtility.HtmlDecode(await App.Client().GetStringAsync("/SocialeKaart?dorp=elsloo&behoefte=dementie"));
        Assert.Contains("href=\"tel:+31460000777\"", map);
    }

    [Fact]
    public async Task The_map_and_the_api_search_by_village_and_by_need()
    {
        var client = App.Client();
        var daycare = await client.GetStringAsync("/SocialeKaart?dorp=stein&behoefte=dagbesteding");
        Assert.Contains("Dorpsdagvoorziening Bie Gerda", daycare);
        Assert.Contains("1 organisatie gevonden.", daycare);
        var none = await client.GetStringAsync("/SocialeKaart?dorp=elsloo&behoefte=dagbesteding");
        Assert.Contains("Geen organisaties gevonden.", none);
        Assert.DoesNotContain("Dorpsdagvoorziening Bie Gerda", none);
        Assert.Contains("Zorgnetwerk Elsloo", await client.GetStringAsync("/SocialeKaart?dorp=elsloo&behoefte=VALPREVENTIE"));
        Assert.DoesNotContain("Zorgnetwerk Elsloo", await client.GetStringAsync("/SocialeKaart?dorp=urmond&behoefte=valpreventie"));
        var buddies = await client.GetStringAsync("/SocialeKaart?behoefte=maatje");
        Assert.Contains("Partners in Welzijn (PIW)", buddies);
        Assert.DoesNotContain("Stichting De Brug", buddies);
        // Without the accent, as people type it: "cliëntondersteuning" in MEE's description.
        Assert.Contains("<h3>MEE</h3>", await client.GetStringAsync("/SocialeKaart?behoefte=clientondersteuning"));

        var inStein = await Ids(client, "/api/v1/partners?village=stein&service=dayCare");
        Assert.Contains("dagvoorziening-bie-gerda", inStein);
        Assert.DoesNotContain("piw", inStein);
        Assert.Empty(await Ids(client, "/api/v1/partners?village=elsloo&service=dayCare"));
        var inElsloo = await Ids(client, "/api/v1/partners?village=elsloo");
        Assert.Contains("zorgnetwerk-elsloo", inElsloo);
        Assert.DoesNotContain("dagvoorziening-bie-gerda", inElsloo);
        foreach (var (query, field) in new[] { ("service=taxi", "service"), ("village=nergens", "village") })
        {
            var refused = await client.GetAsync($"/api/v1/partners?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        }
    }

    private static Dictionary<string, string> Fields(string phone, string website) => new()
    {
        ["organisatie"] = "casemanagers-dementie",
        ["Description"] = "Begeleiden cliënten met dementie en hun mantelzorgers vanaf het eerste moment.",
        ["Services"] = "informationAndAdvice",
        ["Villages"] = "elsloo",
        ["OpeningHours"] = "werkdagen 9.00-17.00",
        ["Phone"] = phone,
        ["Website"] = website,
    };

    private async Task<JsonElement> Partner(string id) =>
        (await App.Client().GetFromJsonAsync<JsonElement>("/api/v1/partners")).EnumerateArray()
            .Single(p => p.GetProperty("id").GetString() == id);

    private static async Task<List<string>> Ids(HttpClient client, string path) =>
        (await client.GetFromJsonAsync<JsonElement>(path)).EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();
}
