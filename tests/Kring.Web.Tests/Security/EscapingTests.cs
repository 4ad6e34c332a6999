using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests.Security;

[Collection(WebCollection.Name)]
public sealed class EscapingTests(SharedApp shared)
{
    private KringApp App => shared.App;

    [Fact]
    public async Task Html_and_script_typed_into_the_notes_are_shown_as_text_on_the_carers_page()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var payload = $"<script>alert('{marker}')</script><img src=x onerror=alert(1)>\"'&</textarea>";

        // A browser: the carer signs in on the sign-in page and files the request through the form, antiforgery token and all.
        var browser = App.Client();
        var signIn = await Forms.Read(browser, "/Inloggen");
        var signedIn = await browser.PostAsync("/Inloggen", signIn.With(
            new Dictionary<string, string> { ["UserName"] = "mantelzorger", ["Password"] = "kring-demo" }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var day = Journey.NextMonday(0).AddDays(3);
        var form = await Forms.Read(browser, "/Hulpvragen/Nieuw");
        var filed = await browser.PostAsync("/Hulpvragen/Nieuw", form.With(new Dictionary<string, string>
        {
            ["Kind"] = "buddy",
            ["Date"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["From"] = "20:00",
            ["To"] = "21:00",
            ["Notes"] = payload,
            ["IdempotencyKey"] = marker,
        }));
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);

        var page = await browser.GetAsync("/Hulpvragen");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(
            $"&lt;script&gt;alert(&#x27;{marker}&#x27;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#x27;&amp;&lt;/textarea&gt;",
            html);
        Assert.DoesNotContain($"<script>alert('{marker}')", html);
        Assert.DoesNotContain("<img src=x", html);

        // Stored as typed: the API gives the same text back, in JSON.
        var circle = await (await App.SignedIn("mantelzorger")).GetFromJsonAsync<JsonElement>("/api/v1/circles/mine");
        Assert.Contains(circle.GetProperty("requests").EnumerateArray(), r => r.GetProperty("notes").GetString() == payload);
    }
}
