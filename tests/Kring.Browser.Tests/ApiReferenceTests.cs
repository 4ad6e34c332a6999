using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kring.Browser.Tests;

/// <summary>The operator finds the API reference on the Beheer page and reads it, under Kring's content security policy.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiReferenceTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_operator_browses_the_api_reference_from_the_beheer_page_without_a_policy_violation()
    {
        var page = await browser.Phone();
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) refused.Add(message.Text);
        };
        await Pages.SignIn(page, "beheerder");
        var header = page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" });
        await header.GetByRole(AriaRole.Link, new() { Name = "Beheer", Exact = true }).ClickAsync();
        // Scalar's page is a few megabytes of script that fetches the document and renders it in the browser. On CI, with
        // the cluster tests' silos beside it, that once took more than 30 s; waiting for the document first tells a slow
        // render from a document that never came.
        var document = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Link, new() { Name = "API-naslag" }).ClickAsync(),
            response => response.Url.EndsWith("/api/v1/openapi.json", StringComparison.Ordinal),
            new() { Timeout = 60_000 });

        Assert.Equal(200, document.Status);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/api/reference/$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kring API" }).First)
            .ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Pages.Screenshot(page, "api-naslag");
        Assert.Empty(refused);
    }
}
