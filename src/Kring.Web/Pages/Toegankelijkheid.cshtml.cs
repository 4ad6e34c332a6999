using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages;

/// <summary>
/// The accessibility statement (toegankelijkheidsverklaring) in the model of digitoegankelijk.nl. Public. The organisation
/// and its address for questions belong to the deployment, not to the product, so they come from configuration.
/// </summary>
public sealed class ToegankelijkheidModel(IConfiguration configuration) : PageModel
{
    /// <summary>When the statement was drawn up: change it whenever the statement changes.</summary>
    public static readonly DateOnly DrawnUp = new(2026, 12, 2);

    /// <summary>Kring:Accessibility:Organisation, such as "Gemeente Stein"; without it the page says "de gemeente".</summary>
    public string? Organisation => Setting("Organisation");

    /// <summary>Kring:Accessibility:Email, where questions about accessibility go; without it the page points to the consultant.</summary>
    public string? Email => Setting("Email");

    private string? Setting(string name) =>
        configuration[$"Kring:Accessibility:{name}"] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
