using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kring.Testing;

namespace Kring.Web.Tests;

/// <summary>Kring on a phone's home screen: the manifest, its icons and the service worker, under the strict CSP.</summary>
[Collection(WebCollection.Name)]
public sealed class InstallableTests(SharedApp shared)
{
    private static readonly string[] Shell =
    [
        "/css/kring.css", "/css/kring-pages.css", "/js/sw-register.js", "/js/dorp-live.js", "/icons/kring-192.png",
        "/manifest.webmanifest",
    ];

    private static readonly string[] NotShell =
    [
        "/", "/Vrijwilliger", "/Hulpvragen/Nieuw", "/Kringen/Toegang", "/api/v1/circles/mine", "/api/v1/volunteers/me/offers/live",
        "/api/v1/volunteers/me/assignments.ics", "/sw.js", "/css/kring.css/../Vrijwilliger", "/health/ready",
    ];

    private KringApp App => shared.App;

    [Fact]
    public async Task The_manifest_is_served_as_a_manifest_and_every_icon_it_names_answers()
    {
        var client = App.Client();
        var response = await client.GetAsync("/manifest.webmanifest");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Kring", manifest.GetProperty("name").GetString());
        Assert.Equal("/", manifest.GetProperty("start_url").GetString());
        Assert.Equal("standalone", manifest.GetProperty("display").GetString());
        var icons = manifest.GetProperty("icons").EnumerateArray().ToList();
        // Chrome installs with PNG icons of 192 and 512 pixels; an SVG alone is not enough everywhere (iOS takes a PNG).
        Assert.Contains(icons, icon => Is(icon, "192x192", "image/png"));
        Assert.Contains(icons, icon => Is(icon, "512x512", "image/png"));
        foreach (var icon in icons)
        {
            var src = icon.GetProperty("src").GetString()!;
            var file = await client.GetAsync(src);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(icon.GetProperty("type").GetString(), file.Content.Headers.ContentType?.MediaType);
            if (icon.GetProperty("type").GetString() != "image/png") continue;
            // The PNG's header says how large it really is: width and height at bytes 16 and 20.
            var png = await file.Content.ReadAsByteArrayAsync();
            var size = $"{BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16))}x{BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))}";
            Assert.Equal(icon.GetProperty("sizes").GetString(), size);
        }
    }

    [Fact]
    public async Task Every_page_names_the_manifest_theme_colour_and_the_script_that_registers_the_service_worker()
    {
        var client = App.Client();
        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\" />", html);
        Assert.Contains("<meta name=\"theme-color\" content=\"#0b5394\" />", html);
        Assert.Contains("<link rel=\"apple-touch-icon\" href=\"/icons/kring-192.png\" />", html);
        var register = Regex.Match(html, "<script src=\"(/js/sw-register\\.js\\?v=[^\"]+)\" defer></script>");
        Assert.True(register.Success, "the page does not load /js/sw-register.js");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(register.Groups[1].Value)).StatusCode);
        // Workers and manifests fall back to default-src 'self', so the strict policy allows them as it stands.
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'self';", policy);
        Assert.DoesNotContain("worker-src", policy);
        Assert.DoesNotContain("manifest-src", policy);
    }

    [Fact]
    public async Task The_service_worker_answers_and_handles_only_the_static_shell()
    {
        var client = App.Client();
        var response = await client.GetAsync("/sw.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("javascript", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var source = await response.Content.ReadAsStringAsync();
        Assert.Contains("request.mode === 'navigate'", source);
        // The worker's own pattern, read from its source: the shell's files match, pages and the API never do.
        var pattern = Regex.Match(source, @"var SHELL = /(.+)/;");
        Assert.True(pattern.Success, "sw.js no longer names its shell as var SHELL = /.../;");
        var shell = new Regex(pattern.Groups[1].Value, RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.All(Shell, path => Assert.Matches(shell, path));
        Assert.All(NotShell, path => Assert.DoesNotMatch(shell, path));
        foreach (var path in Shell) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    private static bool Is(JsonElement icon, string sizes, string type) =>
        icon.GetProperty("sizes").GetString() == sizes && icon.GetProperty("type").GetString() == type;
}
