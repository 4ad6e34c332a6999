using System.Net;
using System.Text.RegularExpressions;
using Kring.Testing;

namespace Kring.Web.Tests.Security;

[Collection(WebCollection.Name)]
public sealed class SecurityHeadersTests(SharedApp shared)
{
    private const string StrictPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; "
        + "form-action 'self'; object-src 'none'";

    private KringApp App => shared.App;

    [Theory]
    [InlineData(null, "/")]
    [InlineData(null, "/Inloggen")]
    [InlineData(null, "/css/kring.css")]
    [InlineData(null, "/api/v1/villages")]
    [InlineData(null, "/api/v1/niet-bestaand")]
    [InlineData(null, "/api/v1/volunteers/me/offers")]
    [InlineData("mantelzorger", "/api/v1/circles/mine")]
    [InlineData("beheerder", "/health/live")]
    public async Task Every_response_carries_the_security_headers_and_no_server_header(string? user, string path)
    {
        var client = user is null ? App.Client() : await App.SignedIn(user);
        var response = await client.GetAsync(path);
        AssertSecurityHeaders(response, StrictPolicy);
    }

    [Fact]
    public async Task The_dashboard_alone_gets_inline_styles_and_data_fonts_but_never_inline_script()
    {
        var operatorClient = await App.SignedIn("beheerder");
        var page = await operatorClient.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = AssertSecurityHeaders(page, null);
        Assert.Contains("style-src 'self' 'unsafe-inline'", policy);
        Assert.Contains("font-src 'self' data:", policy);
        Assert.Contains("script-src 'self';", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Equal(1, Regex.Count(policy, "unsafe-inline"));

        // Its page has no inline script: every script element loads a file from the same origin.
        var html = await page.Content.ReadAsStringAsync();
        Assert.All(Regex.Matches(html, "<script[^>]*>", RegexOptions.IgnoreCase), m => Assert.Contains("src=\"./", m.Value));
        // The path check is by segment: a page merely starting with "dashboard" keeps the strict policy.
        AssertSecurityHeaders(await operatorClient.GetAsync("/dashboardx"), StrictPolicy);
    }

    [Theory]
    [InlineData(null, "/")]
    [InlineData(null, "/Inloggen")]
    [InlineData("vrijwilliger", "/Vrijwilliger")]
    [InlineData("vrijwilliger", "/Vrijwilliger/Beschikbaarheid")]
    [InlineData("mantelzorger", "/Hulpvragen")]
    [InlineData("mantelzorger", "/Hulpvragen/Nieuw")]
    [InlineData("dorp-elsloo", "/Dorp")]
    [InlineData("beheerder", "/Beheer")]
    public async Task Pages_have_no_inline_style_or_script(string? user, string path)
    {
        var client = user is null ? App.Client() : await SignedInByCookie(user);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(new Regex(@"\sstyle\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex("<style", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"<[^>]*\son[a-z]+\s*=[^>]*>", RegexOptions.IgnoreCase), html);
        foreach (Match script in Regex.Matches(html, "<script[^>]*>", RegexOptions.IgnoreCase)) Assert.Contains("src=", script.Value);
    }

    [Fact]
    public void No_page_source_uses_an_inline_style_attribute_or_script_block()
    {
        var pages = Path.Combine(Repository.Root, "src", "Kring.Web", "Pages");
        var offenders = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => Regex.IsMatch(x.line, @"\sstyle\s*=|<style|<script(?![^>]*\ssrc=)|\son(click|load|error|submit|change|input)\s*=",
                RegexOptions.IgnoreCase))
            .Select(x => $"{Path.GetRelativePath(pages, x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Inline style or script in pages (use kring.css):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public async Task Signed_in_answers_are_not_cached()
    {
        var carer = await App.SignedIn("mantelzorger");
        var response = await carer.GetAsync("/api/v1/circles/mine");
        Assert.True(response.Headers.CacheControl?.NoStore, "personal data must not be stored by browsers or proxies");
    }

    /// <summary>Asserts the headers every response has; returns the content security policy.</summary>
    private static string AssertSecurityHeaders(HttpResponseMessage response, string? expectedPolicy)
    {
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        if (expectedPolicy is not null) Assert.Equal(expectedPolicy, policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"), "the Server header gives the web server away");
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS only over HTTPS");
        return policy;
    }

    private async Task<HttpClient> SignedInByCookie(string user)
    {
        var client = App.Client();
        var response = await client.PostAsync("/api/v1/session", JsonContent(new { username = user, password = "kring-demo" }));
        response.EnsureSuccessStatusCode();
        return client;
    }

    private static StringContent JsonContent(object value) =>
        new(System.Text.Json.JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");
}
