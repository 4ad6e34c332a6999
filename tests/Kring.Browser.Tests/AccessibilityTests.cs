using Microsoft.Playwright;

namespace Kring.Browser.Tests;

/// <summary>
/// Every page a user can reach by following links, for each role, checked with axe-core in real Chromium at phone size:
/// no serious or critical violation, and no sideways scrolling. In English for a visitor and a volunteer: every page in
/// English and without sideways scrolling, and axe on the start page.
/// </summary>
[Collection(AccessibilityCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    // Every role's crawl includes the accessibility statement, linked from every page's footer.
    private const int MaxPages = 45;

    [Theory]
    [InlineData(null, false)]
    [InlineData("vrijwilliger", false)]
    [InlineData("mantelzorger", false)]
    [InlineData("consulent", false)]
    [InlineData("dorp-elsloo", false)]
    [InlineData("beheerder", false)]
    [InlineData("coordinator", false)]
    [InlineData("familie", false)]
    [InlineData("casemanager", false)]
    [InlineData("sleutelfiguur", false)]
    [InlineData(null, true)]
    [InlineData("vrijwilliger", true)]
    [InlineData("familie", true)]
    public async Task Every_reachable_page_passes_axe_and_fits_a_phone(string? userName, bool english)
    {
        var page = await browser.Phone();
        if (userName is not null) await Pages.SignIn(page, userName);
        if (english) await Pages.SwitchTo(page, "en");

        var problems = new List<string>();
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>(["/"]);
        while (queue.Count > 0 && visited.Count < MaxPages)
        {
            var path = queue.Dequeue();
            if (!visited.Add(PageKind(path))) continue;
            var response = await page.GotoAsync(path);
            if (response is null || !response.Headers.GetValueOrDefault("content-type", "")
                .StartsWith("text/html", StringComparison.Ordinal)) continue;
            // The English pages are the Dutch ones with other words: axe checks their start page, and every page is
            // checked for its language and for text that no longer fits.
            if (!english || visited.Count == 1) problems.AddRange(await Pages.SeriousViolations(page));
            if (await Pages.ScrollsSideways(page)) problems.Add($"{path}: scrolls sideways at 360 px");
            if (english && await page.GetAttributeAsync("html", "lang") != "en") problems.Add($"{path}: not in English");
            // No screenshot per page: a full-page image of every crawled page cost a third of the crawl's time; the
            // journeys keep screenshots of the pages that matter.
            foreach (var href in await page.Locator("a[href^='/']").EvaluateAllAsync<string[]>(
                "links => links.map(a => a.getAttribute('href'))"))
            {
                var target = href.Split('#')[0];
                // The language link is a redirect that changes the language for the rest of the crawl; the English crawl covers it.
                if (target.Length > 0 && !target.StartsWith("/dashboard", StringComparison.Ordinal)
                    && !target.StartsWith("/api", StringComparison.Ordinal) && !target.StartsWith("/health", StringComparison.Ordinal)
                    && !target.StartsWith("/Taal", StringComparison.Ordinal)) queue.Enqueue(target);
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(visited.Count > 1, "The crawl should reach more than the start page.");
        Assert.True(queue.Count == 0 || queue.All(p => visited.Contains(PageKind(p))),
            $"More than {MaxPages} kinds of page: raise MaxPages.");
    }

    [Fact]
    public async Task The_check_finds_an_image_without_a_text_alternative()
    {
        var page = await browser.Phone();
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/favicon.ico\">')");

        Assert.Contains(await Pages.SeriousViolations(page), v => v.Contains("image-alt (critical)", StringComparison.Ordinal));
    }

    /// <summary>
    /// A page and the names of its query parameters: /Hulpvragen/Nieuw?kring=c-0001 and ?kring=c-0002 are the same page
    /// with other data, so the crawl checks one of them and reaches every kind of page instead of every circle.
    /// </summary>
    private static string PageKind(string href)
    {
        var question = href.IndexOf('?');
        if (question < 0) return href;
        var names = href[(question + 1)..].Split('&').Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal);
        return href[..question] + "?" + string.Join("&", names);
    }
}
