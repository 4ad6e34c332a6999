using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class ApiErrorTests(SharedApp shared)
{
    private KringApp App => shared.App;

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_answer()
    {
        var client = App.Client();
        var wrong = await client.PostAsJsonAsync("/api/v1/session", new { username = "vrijwilliger", password = "nope" });
        var unknown = await client.PostAsJsonAsync("/api/v1/session", new { username = "niemand", password = "nope" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Bad_request_input_gets_field_level_problem_details_in_dutch()
    {
        var carer = await App.SignedIn("mantelzorger");
        var response = await carer.PostAsJsonAsync("/api/v1/circles/mine/requests",
            new { kind = "taxi", start = "2027-03-01T10:00:00", end = "2027-03-01T09:00:00+01:00" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Contains("maatje", errors.GetProperty("kind")[0].GetString());
        Assert.Contains("ISO 8601", errors.GetProperty("start")[0].GetString());
    }

    [Fact]
    public async Task End_before_start_is_refused()
    {
        var carer = await App.SignedIn("mantelzorger");
        var start = Journey.NextMonday(10);
        var response = await carer.PostAsJsonAsync("/api/v1/circles/mine/requests",
            new { kind = "respite", start = start.ToString("o"), end = start.AddHours(-1).ToString("o") });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Het einde moet na het begin liggen.", problem.GetProperty("errors").GetProperty("end")[0].GetString());
    }

    [Fact]
    public async Task Unreadable_json_is_a_problem_not_a_crash()
    {
        var carer = await App.SignedIn("mantelzorger");
        var response = await carer.PostAsync("/api/v1/circles/mine/requests",
            new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Availability_with_end_before_start_is_refused()
    {
        var volunteer = await App.SignedIn("vrijwilliger");
        var response = await volunteer.PutAsJsonAsync("/api/v1/volunteers/me/availability",
            new { weekly = new[] { new { day = "maandag", from = "12:00", to = "09:00" } } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("weekly[0].day", out _));
    }

    [Theory]
    [InlineData("GET", "/api/v1/volunteers/me/offers")]
    [InlineData("GET", "/api/v1/circles/mine")]
    [InlineData("GET", "/api/v1/villages/elsloo/overview")]
    [InlineData("POST", "/api/v1/offers/x/accept")]
    public async Task Anonymous_callers_get_401(string method, string path)
    {
        var response = await App.Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_volunteer_cannot_ask_help_for_a_circle_nor_read_it()
    {
        var volunteer = await App.SignedIn("vrijwilliger");
        var ask = await volunteer.PostAsJsonAsync("/api/v1/circles/c-demo/requests", new { kind = "buddy" });
        Assert.Equal(HttpStatusCode.Forbidden, ask.StatusCode);
        var read = await volunteer.GetAsync("/api/v1/circles/c-demo");
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
    }

    [Fact]
    public async Task A_carer_cannot_read_another_circle_but_the_consultant_can()
    {
        var carer = await App.SignedIn("mantelzorger");
        Assert.Equal(HttpStatusCode.Forbidden, (await carer.GetAsync("/api/v1/circles/c-0001")).StatusCode);
        var consultant = await App.SignedIn("consulent");
        var circle = await consultant.GetFromJsonAsync<JsonElement>("/api/v1/circles/c-0001");
        Assert.Equal("c-0001", circle.GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_consultant_files_a_request_on_a_carers_behalf()
    {
        var consultant = await App.SignedIn("consulent");
        var start = Journey.NextMonday(14);
        var response = await consultant.PostAsJsonAsync("/api/v1/circles/c-0002/requests",
            new { kind = "respite", start = start.ToString("o"), end = start.AddHours(2).ToString("o") });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("/api/v1/circles/c-0002/requests/", response.Headers.Location!.ToString());
    }
}
