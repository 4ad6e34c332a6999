using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests.Import;

/// <summary>
/// Importing carers and volunteers over HTTP against the running application: the preview stores nothing, the import stores
/// every row, the same file again changes nothing, a file with one bad row stores nothing, and only the right staff may. Each
/// test makes its own externalIds, so runs against the shared application never meet.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ImportApiTests(SharedApp shared)
{
    private const string CircleHeader = "externalId;village;carerName;carerAge;careRecipientName;relationship;needs;phone;address";
    private const string VolunteerHeader = "externalId,displayName,village,kinds,skills,maxKm,maxHoursPerWeek,email,phone";

    private KringApp App => shared.App;

    private static StringContent Csv(params string[] lines) => new(string.Join("\n", lines) + "\n", Encoding.UTF8, "text/csv");

    private static string Run() => Guid.NewGuid().ToString("N")[..8];

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static (int New, int Updated, int Unchanged) Counts(JsonElement answer) =>
        (answer.GetProperty("new").GetInt32(), answer.GetProperty("updated").GetInt32(), answer.GetProperty("unchanged").GetInt32());

    [Fact]
    public async Task Carers_are_previewed_imported_and_a_second_import_of_the_same_file_changes_nothing()
    {
        var consultant = await App.SignedIn("consulent");
        var run = Run();
        string[] file =
        [
            CircleHeader,
            $"T-{run}-1;elsloo;Anna Proef;67;Piet Proef;partner;dementia|slecht ter been;046-4331001;Maasberg 12, Elsloo",
            $"T-{run}-2;Stein;Kees Proef;54;Mia Proef;kind;;06-20000002;Kerkstraat 3",
        ];
        const string route = "/api/v1/municipalities/stein/import/circles";
        var id = $"imp-stein-t-{run}-1";

        var preview = await Ok(await consultant.PostAsync(route + "?dryRun=true", Csv(file)));
        Assert.True(preview.GetProperty("dryRun").GetBoolean());
        Assert.Equal((2, 0, 0), Counts(preview));
        Assert.Equal(id, preview.GetProperty("rows")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await consultant.GetAsync($"/api/v1/circles/{id}")).StatusCode);

        var imported = await Ok(await consultant.PostAsync(route, Csv(file)));
        Assert.Equal((2, 0, 0), Counts(imported));
        Assert.Equal([2, 3], imported.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()));
        var circle = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/circles/{id}");
        Assert.Equal("elsloo", circle.GetProperty("village").GetString());
        Assert.Equal("Anna Proef", circle.GetProperty("carer").GetProperty("name").GetString());
        Assert.Equal(["dementia", "mobility"], circle.GetProperty("careRecipient").GetProperty("needs").EnumerateArray()
            .Select(n => n.GetString()));

        Assert.Equal((0, 0, 2), Counts(await Ok(await consultant.PostAsync(route, Csv(file)))));

        file[1] = file[1].Replace("Maasberg 12", "Maasberg 14", StringComparison.Ordinal);
        var changed = await Ok(await consultant.PostAsync(route, Csv(file)));
        Assert.Equal((0, 1, 1), Counts(changed));
        Assert.Equal("updated", changed.GetProperty("rows")[0].GetProperty("outcome").GetString());
        circle = await consultant.GetFromJsonAsync<JsonElement>($"/api/v1/circles/{id}");
        Assert.Equal("Maasberg 14, Elsloo", circle.GetProperty("carer").GetProperty("address").GetString());
    }

    [Fact]
    public async Task A_file_with_one_bad_row_stores_nothing_and_names_the_row_and_its_problems()
    {
        var consultant = await App.SignedIn("consulent");
        var run = Run();
        var response = await consultant.PostAsync("/api/v1/municipalities/stein/import/circles", Csv(CircleHeader,
            $"G-{run};elsloo;Anna Proef;67;Piet Proef;partner;;046-4331001;Maasberg 12",
            $"B-{run};nergens;Kees Proef;oud;Mia Proef;kind;;06-20000002;Kerkstraat 3"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var rows = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows");
        var row = Assert.Single(rows.EnumerateArray());
        Assert.Equal(3, row.GetProperty("row").GetInt32());
        var problems = row.GetProperty("problems").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("village: Dit dorp kennen we niet.", problems);
        Assert.Contains("carerAge: Vul de leeftijd in hele jaren in.", problems);
        Assert.Equal(HttpStatusCode.NotFound, (await consultant.GetAsync($"/api/v1/circles/imp-stein-g-{run}")).StatusCode);
    }

    [Fact]
    public async Task Volunteers_get_an_account_only_when_new_and_with_an_address_whose_code_goes_by_mail()
    {
        var coordinator = await App.SignedIn("coordinator");
        var run = Run();
        string[] file =
        [
            VolunteerHeader,
            $"V-{run}-1,Ingrid Proef,elsloo,maatje,dementia,5,6,ingrid-{run}@example.org,06-30000101",
            $"V-{run}-2,Tom Proef,Stein,buddy|vervangende zorg,,8,,,",
        ];
        const string route = "/api/v1/partners/piw/import/volunteers";

        Assert.Equal((2, 0, 0), Counts(await Ok(await coordinator.PostAsync(route + "?dryRun=true", Csv(file)))));
        var imported = await Ok(await coordinator.PostAsync(route, Csv(file)));
        Assert.Equal((2, 0, 0), Counts(imported));
        var rows = imported.GetProperty("rows").EnumerateArray().ToList();
        var userName = rows[0].GetProperty("userName").GetString();
        Assert.StartsWith("ingrid-", userName);
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("userName").ValueKind);

        var volunteers = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/partners/piw/volunteers");
        Assert.Contains(volunteers.EnumerateArray(), v => v.GetProperty("id").GetString() == $"imp-piw-v-{run}-1");
        Assert.Contains(volunteers.EnumerateArray(), v => v.GetProperty("id").GetString() == $"imp-piw-v-{run}-2");

        var folder = Path.Combine(App.DataDirectory, "mail");
        var welcome = await Eventually.Get(() => Task.FromResult(Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
                .FirstOrDefault(m => m.To.Mailboxes.Any(a => a.Address == $"ingrid-{run}@example.org"))
            : null), "the welcome mail with the user name", TimeSpan.FromSeconds(30));
        Assert.Contains(userName!, welcome.TextBody);

        var again = await Ok(await coordinator.PostAsync(route, Csv(file)));
        Assert.Equal((0, 0, 2), Counts(again));
        Assert.All(again.GetProperty("rows").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("userName").ValueKind));
    }

    [Fact]
    public async Task Only_the_partners_own_coordinator_and_a_consultant_of_a_known_municipality_may_import()
    {
        var coordinator = await App.SignedIn("coordinator");
        var consultant = await App.SignedIn("consulent");
        var run = Run();
        StringContent Volunteers() => Csv(VolunteerHeader, $"V-{run},Eva Proef,elsloo,maatje,,5,,,");
        StringContent Circles() => Csv(CircleHeader, $"C-{run};elsloo;Anna Proef;67;Piet Proef;partner;;046-4331001;Maasberg 12");

        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsync("/api/v1/partners/de-brug/import/volunteers", Volunteers()))
            .StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await consultant.PostAsync("/api/v1/partners/piw/import/volunteers", Volunteers()))
            .StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsync("/api/v1/municipalities/stein/import/circles", Circles()))
            .StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await consultant.PostAsync("/api/v1/municipalities/nergens/import/circles", Circles()))
            .StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await consultant.GetAsync($"/api/v1/circles/imp-stein-c-{run}")).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await consultant.PostAsJsonAsync("/api/v1/municipalities/stein/import/circles",
            new { village = "elsloo" })).StatusCode);
    }

    [Fact]
    public async Task A_file_over_2_MB_is_refused_with_413()
    {
        var consultant = await App.SignedIn("consulent");
        var large = new StringContent(CircleHeader + "\n" + new string('x', 2 * 1024 * 1024), Encoding.UTF8, "text/csv");
        var response = await consultant.PostAsync("/api/v1/municipalities/stein/import/circles", large);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
