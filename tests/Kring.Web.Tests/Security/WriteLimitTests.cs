using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Hosting;
using Kring.Matching;
using Kring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kring.Web.Tests.Security;

/// <summary>
/// Limits on every write, over HTTP through the real application: open requests per circle (here 5, set as an operator
/// would, Kring:Limits:OpenRequestsPerCircle), check-ins per day, one network rating per partner per quarter, and the
/// per-user write rate (here 20 a minute). Each test works on a circle and accounts of its own.
/// </summary>
public sealed class WriteLimitTests(LimitedApp fixture) : IClassFixture<LimitedApp>
{
    private KringApp App => fixture.App;
    private IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task The_sixth_open_request_is_refused_with_409_on_the_api_and_the_page_and_a_series_counts_each_week()
    {
        var (userName, circleId) = await TestAccounts.NewCarerWithCircle(App, "open");
        var carer = await App.SignedIn(userName, TestAccounts.Password);

        Assert.Equal(HttpStatusCode.Created, (await File(carer, day: 3, weeks: 3)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await File(carer, day: 4)).StatusCode);
        var fifth = await File(carer, day: 5);
        Assert.Equal(HttpStatusCode.Created, fifth.StatusCode);

        var sixth = await File(carer, day: 6);
        Assert.Equal(HttpStatusCode.Conflict, sixth.StatusCode);
        Assert.Equal("application/problem+json", sixth.Content.Headers.ContentType!.MediaType);
        var problem = await sixth.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Equal("Te veel openstaande hulpvragen.", problem.GetProperty("title").GetString());
        Assert.Contains($"hooguit {LimitedApp.OpenRequests} hulpvragen", problem.GetProperty("detail").GetString());

        // The page says so in Dutch, and files nothing.
        var browser = await TestAccounts.PageSignIn(App, userName);
        var form = await Forms.Read(browser, "/Hulpvragen/Nieuw");
        var local = Journey.Day(7);
        var page = await browser.PostAsync("/Hulpvragen/Nieuw", form.With(new Dictionary<string, string>
        {
            ["Kind"] = "buddy",
            ["Date"] = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["From"] = "10:00",
            ["To"] = "11:00",
        }));
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Te veel openstaande hulpvragen.", html);
        Assert.Contains("role=\"alert\"", html);
        Assert.Equal(LimitedApp.OpenRequests, (await Grains.GetGrain<ICarerCircleGrain>(circleId).Get())!.Requests.Count);

        // Cancelling one makes room for one.
        var location = fifth.Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await carer.PostAsync(location + "/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await File(carer, day: 6)).StatusCode);
    }

    [Fact]
    public async Task A_fourth_check_in_on_one_day_is_refused_with_409()
    {
        var (userName, _) = await TestAccounts.NewCarerWithCircle(App, "balans");
        var carer = await App.SignedIn(userName, TestAccounts.Password);
        var answers = Kring.Balance.BalanceCheck.Questions.ToDictionary(q => q.Id, _ => 2);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (
            await carer.PostAsJsonAsync("/api/v1/circles/mine/checkins", new { answers })).StatusCode);

        var refused = await carer.PostAsJsonAsync("/api/v1/circles/mine/checkins", new { answers });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Vandaag al ingevuld.", problem.GetProperty("title").GetString());
        Assert.Contains("vandaag al 3 keer ingevuld", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_partners_new_network_rating_replaces_its_rating_of_the_quarter()
    {
        var userName = $"coord-{Guid.NewGuid():N}"[..24];
        await Grains.GetGrain<IAccountGrain>(userName).Set(
            new AccountRecord(userName, "Proef Coördinator", Passwords.Hash(TestAccounts.Password), Role.Coordinator, null, null, null,
                "piw"));
        var coordinator = await App.SignedIn(userName, TestAccounts.Password);
        var village = "urmond";

        foreach (var value in new[] { 1, 1, 4 })
        {
            var answers = Kring.Balance.NetworkQuestions.Questions.ToDictionary(q => q.Id, _ => value);
            Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsJsonAsync($"/api/v1/villages/{village}/network-ratings",
                new { answers })).StatusCode);
        }

        var ratings = await Grains.GetGrain<INetworkHealthGrain>(village).GetRatings();
        var rating = Assert.Single(ratings, r => r.PartnerId == "piw");
        Assert.All(rating.Answers.Values, v => Assert.Equal(4, v));
    }

    [Fact]
    public async Task Writes_beyond_the_per_user_rate_get_429_with_retry_after_on_api_and_pages_while_reads_and_other_users_go_on()
    {
        var (userName, _) = await TestAccounts.NewCarerWithCircle(App, "tempo");
        var (otherName, _) = await TestAccounts.NewCarerWithCircle(App, "ander");
        var carer = await App.SignedIn(userName, TestAccounts.Password);
        var browser = await TestAccounts.PageSignIn(App, userName);
        var form = await Forms.Read(browser, "/Hulpvragen/Nieuw");

        // Any write counts, also one the API refuses (an empty request is a 400).
        for (var i = 0; i < LimitedApp.WritesPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await carer.PostAsJsonAsync("/api/v1/circles/mine/requests", new { })).StatusCode);
        }

        var refused = await carer.PostAsJsonAsync("/api/v1/circles/mine/requests", new { });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.InRange(int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture), 1, 60);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("Te veel wijzigingen.", problem.GetProperty("title").GetString());
        Assert.Contains("Probeer het over", problem.GetProperty("detail").GetString());

        // The same user on a page (a cookie session) shares the budget.
        var page = await browser.PostAsync("/Hulpvragen/Nieuw", form.With(new Dictionary<string, string> { ["Kind"] = "buddy" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.True(page.Headers.Contains("Retry-After"));

        // Reading goes on, and another user writes as before.
        Assert.Equal(HttpStatusCode.OK, (await carer.GetAsync("/api/v1/circles/mine")).StatusCode);
        var other = await App.SignedIn(otherName, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.BadRequest, (await other.PostAsJsonAsync("/api/v1/circles/mine/requests", new { })).StatusCode);
    }

    [Fact]
    public async Task Anonymous_writes_are_counted_per_client_address()
    {
        var client = App.Client();
        for (var i = 0; i < LimitedApp.WritesPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(AnonymousWrite("198.51.100.20"))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(AnonymousWrite("198.51.100.20"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(AnonymousWrite("198.51.100.21"))).StatusCode);
    }

    private static HttpRequestMessage AnonymousWrite(string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/circles/mine/requests") { Content = JsonContent.Create(new { }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    private static Task<HttpResponseMessage> File(HttpClient carer, int day, int? weeks = null)
    {
        var start = Journey.Day(day);
        var body = new Dictionary<string, object>
        {
            ["kind"] = "buddy",
            ["start"] = start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["end"] = start.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        };
        if (weeks is { } w) body["repeat"] = new { weeks = w };
        return carer.PostAsJsonAsync("/api/v1/circles/mine/requests", body);
    }
}

/// <summary>An application of its own with small limits, set on the command line as an operator would set them.</summary>
public sealed class LimitedApp : IAsyncLifetime
{
    public const int OpenRequests = 5;
    public const int WritesPerMinute = 20;

    public KringApp App { get; private set; } = default!;

    public async ValueTask InitializeAsync() =>
        App = await KringApp.Start(null, "--Kring:Demo=false", $"--Kring:Limits:OpenRequestsPerCircle={OpenRequests}",
            $"--Kring:Limits:WritesPerMinute={WritesPerMinute}");

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(App.DataDirectory, recursive: true);
    }
}
