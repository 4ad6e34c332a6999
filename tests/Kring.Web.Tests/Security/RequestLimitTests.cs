using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests.Security;

[Collection(WebCollection.Name)]
public sealed class RequestLimitTests(SharedApp shared)
{
    private KringApp App => shared.App;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_api_body_over_64_kb_is_refused_with_413_problem_details(bool chunked)
    {
        var carer = await App.SignedIn("mantelzorger");
        var before = await CountRequests(carer);
        var json = JsonSerializer.Serialize(new
        {
            kind = "buddy",
            start = "2030-01-07T10:00:00+01:00",
            end = "2030-01-07T11:00:00+01:00",
            notes = new string('x', 70_000)
        });
        HttpContent content = chunked
            ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)))
            : new StringContent(json, Encoding.UTF8, "application/json");
        if (chunked)
        {
            content.Headers.ContentType = new("application/json");
            carer.DefaultRequestHeaders.TransferEncodingChunked = true;
        }
        var response = await carer.PostAsync("/api/v1/circles/mine/requests", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Equal("De aanvraag is te groot.", problem.GetProperty("title").GetString());
        Assert.Equal(before, await CountRequests(await App.SignedIn("mantelzorger")));
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_read_and_validated()
    {
        var carer = await App.SignedIn("mantelzorger");
        var response = await carer.PostAsJsonAsync("/api/v1/circles/mine/requests",
            new { kind = "buddy", notes = new string('x', 60_000) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("hooguit 1000 tekens", errors.GetProperty("notes")[0].GetString());
    }

    [Fact]
    public async Task An_oversized_or_overfull_page_form_is_refused_without_a_server_error()
    {
        var browser = App.Client();
        var form = await Forms.Read(browser, "/Inloggen");
        var huge = await browser.PostAsync("/Inloggen", form.With(new Dictionary<string, string>
        {
            ["UserName"] = "x",
            ["Password"] = new string('p', 100_000)
        }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        var many = Enumerable.Range(0, 500).Select(i => KeyValuePair.Create($"veld{i}", "x"));
        var overfull = await browser.PostAsync("/Inloggen", form.With(many));
        Assert.Equal(HttpStatusCode.BadRequest, overfull.StatusCode);
    }

    private static async Task<int> CountRequests(HttpClient carer) =>
        (await carer.GetFromJsonAsync<JsonElement>("/api/v1/circles/mine")).GetProperty("requests").GetArrayLength();
}
