using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;
using Kring.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Kring.Web.Tests;

/// <summary>
/// Filing a request is one use case with one set of rules, whether the carer uses the page or the API: an urgent
/// request is urgent from both, and a weekly series lasts 2 to 52 weeks on both.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class HelpRequestFilingTests(SharedApp shared)
{
    private KringApp App => shared.App;

    [Fact]
    public async Task An_urgent_request_filed_on_the_page_is_urgent_in_the_api()
    {
        var (userName, circleId) = await TestAccounts.NewCarerWithCircle(App, "filing");
        var browser = await TestAccounts.PageSignIn(App, userName);
        var form = await Forms.Read(browser, "/Hulpvragen/Nieuw");
        var page = await browser.PostAsync("/Hulpvragen/Nieuw", form.With(PageFields(day: 4, ("Urgent", "true"))));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);

        var api = await App.SignedIn(userName, TestAccounts.Password);
        var circle = await api.GetFromJsonAsync<JsonElement>($"/api/v1/circles/{circleId}");
        var request = Assert.Single(circle.GetProperty("requests").EnumerateArray());
        Assert.True(request.GetProperty("urgent").GetBoolean());

        var plain = await api.PostAsJsonAsync("/api/v1/circles/mine/requests", ApiBody(day: 5));
        Assert.Equal(HttpStatusCode.Created, plain.StatusCode);
        Assert.False((await api.GetFromJsonAsync<JsonElement>(plain.Headers.Location!.ToString())).GetProperty("urgent").GetBoolean());
    }

    [Fact]
    public async Task A_series_of_one_week_is_refused_on_the_page_and_in_the_api_and_nothing_is_filed()
    {
        var (userName, circleId) = await TestAccounts.NewCarerWithCircle(App, "filing");
        var api = await App.SignedIn(userName, TestAccounts.Password);
        var body = ApiBody(day: 6);
        body["repeat"] = new { weeks = 1 };
        var refused = await api.PostAsJsonAsync("/api/v1/circles/mine/requests", body);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Vul een aantal weken in van 2 tot en met 52.", problem.GetProperty("errors")
            .GetProperty("repeat.weeks")[0].GetString());

        var browser = await TestAccounts.PageSignIn(App, userName);
        var form = await Forms.Read(browser, "/Hulpvragen/Nieuw");
        var page = await browser.PostAsync("/Hulpvragen/Nieuw", form.With(PageFields(day: 6, ("Repeat", "true"), ("Weeks", "1"))));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Vul een aantal weken in van 2 tot en met 52.", await page.Content.ReadAsStringAsync());

        Assert.Empty((await App.Services.GetRequiredService<IGrainFactory>().GetGrain<ICarerCircleGrain>(circleId).Get())!.Requests);
    }

    private static Dictionary<string, string> PageFields(int day, params (string Name, string Value)[] extra)
    {
        var local = Amsterdam.ToLocal(Journey.Day(day));
        var fields = new Dictionary<string, string>
        {
            ["Kind"] = "buddy",
            ["Date"] = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["From"] = "10:00",
            ["To"] = "11:00",
        };
        foreach (var (name, value) in extra) fields[name] = value;
        return fields;
    }

    private static Dictionary<string, object> ApiBody(int day) => new()
    {
        ["kind"] = "buddy",
        ["start"] = Journey.Day(day).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ["end"] = Journey.Day(day).AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
    };
}
