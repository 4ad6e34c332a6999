using Kring.Testing;
using Microsoft.Playwright;

namespace Kring.Browser.Tests;

/// <summary>
/// The real application and Debian's Chromium, headless, driven by Playwright. test.sh installs the chromium package;
/// Playwright's own browser download is never used.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public KringApp App { get; private set; } = default!;
    /// <summary>A real SMTP server on loopback that receives the application's mail.</summary>
    public SmtpSink Smtp { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Screenshots of the key pages, kept as test artefacts.</summary>
    public static string ArtefactDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "artefacts");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath)) throw new InvalidOperationException(
            $"{ChromiumPath} is missing: run the tests through test.sh, which installs Debian's chromium.");
        Directory.CreateDirectory(ArtefactDirectory);
        Smtp = await SmtpSink.Started();
        App = await KringApp.Start(null, Smtp.Settings);
        _playwright = await Playwright.CreateAsync();
        // The browser tests share two cores with the cluster tests' silos and PostgreSQL; Playwright's 5 s for an
        // expectation was too little for a page to settle under that load. Expectations still return as soon as they hold.
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser context the size of a small phone, in Dutch, on Amsterdam time.</summary>
    public async Task<IPage> Phone()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
        });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
        if (Smtp is not null) await Smtp.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// The accessibility crawl, and the journeys that follow a mail, have an application and a browser of their own, so
/// they run beside the other journeys instead of after them: the browser tests set the pace of the whole test run.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AccessibilityCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "accessibility";
}
