using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Kring.Testing;

namespace Kring.Web.Tests;

/// <summary>The accessibility statement: public, in the government's model, in both languages, and in every page's footer.</summary>
[Collection(WebCollection.Name)]
public sealed class AccessibilityStatementTests(SharedApp shared)
{
    private KringApp App => shared.App;

    [Fact]
    public async Task The_statement_is_public_and_names_its_status_its_standard_and_its_date()
    {
        var response = await App.Client().GetAsync("/Toegankelijkheid");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Toegankelijkheidsverklaring</h1>", html);
        Assert.Contains("<h2>Nalevingsstatus</h2>", html);
        Assert.Contains("Eerste maatregelen genomen.", html);
        Assert.Contains("WCAG 2.2, niveau AA", html);
        Assert.Contains("EN 301 549", html);
        Assert.Contains("axe-core", html);
        Assert.Contains("er zijn geen toetsenbordtests", html);
        var drawnUp = Kring.Web.Pages.ToegankelijkheidModel.DrawnUp.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("nl-NL"));
        Assert.Contains($"Deze verklaring is opgesteld op {drawnUp}.", html);
    }

    [Fact]
    public async Task In_English_the_statement_is_translated()
    {
        var visitor = App.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync("/Taal?taal=en")).StatusCode);

        var html = await visitor.GetStringAsync("/Toegankelijkheid");

        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("<h1>Accessibility statement</h1>", html);
        Assert.Contains("First measures taken.", html);
        Assert.Contains("<a href=\"/Toegankelijkheid\">Accessibility statement</a>", html);
        Assert.DoesNotContain("Toegankelijkheidsverklaring", html);
        Assert.DoesNotContain("Nalevingsstatus", html);
    }

    [Theory]
    [InlineData(null, "/")]
    [InlineData(null, "/Inloggen")]
    [InlineData(null, "/WachtwoordVergeten")]
    [InlineData(null, "/SocialeKaart")]
    [InlineData(null, "/VrijwilligerWorden")]
    [InlineData(null, "/MantelzorgerAanmelden")]
    [InlineData(null, "/Toegankelijkheid")]
    [InlineData("vrijwilliger", "/Vrijwilliger")]
    [InlineData("vrijwilliger", "/Vrijwilliger/Profiel")]
    [InlineData("mantelzorger", "/Hulpvragen")]
    [InlineData("mantelzorger", "/Balans")]
    [InlineData("mantelzorger", "/EigenKring")]
    [InlineData("mantelzorger", "/Wachtwoord")]
    [InlineData("consulent", "/Signalen")]
    [InlineData("consulent", "/Rapport")]
    [InlineData("consulent", "/Kringen")]
    [InlineData("dorp-elsloo", "/Dorp")]
    [InlineData("sleutelfiguur", "/Dorp")]
    [InlineData("beheerder", "/Beheer")]
    [InlineData("coordinator", "/Coordinatie")]
    [InlineData("familie", "/MijnKring")]
    [InlineData("casemanager", "/Zorgprofessional")]
    public async Task The_footer_of_every_page_links_to_the_statement(string? user, string path)
    {
        var client = App.Client();
        if (user is not null)
        {
            (await client.PostAsJsonAsync("/api/v1/session", new { username = user, password = "kring-demo" })).EnsureSuccessStatusCode();
        }

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var footer = Regex.Match(await response.Content.ReadAsStringAsync(), "<footer>(.*?)</footer>", RegexOptions.Singleline);
        Assert.True(footer.Success, $"{path} has no footer");
        Assert.Contains("<a href=\"/Toegankelijkheid\">Toegankelijkheidsverklaring</a>", footer.Groups[1].Value);
    }

    /// <summary>The pages above stand for all of them: every page has the one layout with that footer.</summary>
    [Fact]
    public void No_page_leaves_the_layout_that_carries_the_footer()
    {
        var pages = Path.Combine(Repository.Root, "src", "Kring.Web", "Pages");
        var viewStart = Path.Combine(pages, "_ViewStart.cshtml");
        Assert.Contains("Layout = \"_Layout\";", File.ReadAllText(viewStart));
        Assert.Contains("<a href=\"/Toegankelijkheid\">", File.ReadAllText(Path.Combine(pages, "Shared", "_Layout.cshtml")));

        var ownLayout = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .Where(file => file != viewStart && Regex.IsMatch(File.ReadAllText(file), @"\bLayout\s*="))
            .Select(file => Path.GetRelativePath(pages, file))
            .ToList();
        Assert.True(ownLayout.Count == 0, "Pages with a layout of their own: " + string.Join(", ", ownLayout));
    }
}
