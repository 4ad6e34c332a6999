using Microsoft.Playwright;

namespace Kring.Browser.Tests;

/// <summary>
/// Every page a user can reach by following links, for each role, checked with axe-core in real Chromium at phone size:
/// no serious or critical violation, and no sideways scrolling.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(null)]
    [InlineData("vrijwilliger")]
    [InlineData("mantelzorger")]
    [InlineData("consulent")]
    [InlineData("dorp-elsloo")]
    [InlineData("beheerder")]
    public async Task Every_reachable_page_passes_axe_and_fits_a_phone(string? userName)
    {
        var page = await browser.Phone();
        if (userName is not null) await Pages.SignIn(page, userName);

        var problems = new List<string>();
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>(["/"]);
        while (queue.Count > 0 && visited.Count < 30)
        {
            var path = queue.Dequeue();
            if (!visited.Add(path)) continue;
            var response = await page.GotoAsync(path);
            if (response is null || !response.Headers.GetValueOrDefault("content-type", "").StartsWith("text/html")) continue;
            problems.AddRange(await Pages.SeriousViolations(page));
            if (await Pages.ScrollsSideways(page)) problems.Add($"{path}: scrolls sideways at 360 px");
            await Pages.Screenshot(page, $"{userName ?? "anoniem"}{path.Replace('/', '_')}");
            foreach (var href in await page.Locator("a[href^='/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            {
                var target = href.Split('#')[0];
                if (target.Length > 0 && !target.StartsWith("/dashboard") && !target.StartsWith("/api") && !target.StartsWith("/health")) queue.Enqueue(target);
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(visited.Count > 1, "The crawl should reach more than the start page.");
    }
}
