using System.Globalization;
using System.Resources;

namespace Kring.Web;

/// <summary>
/// The texts shared by many pages (kinds of help, needs, statuses, days), in Resources/SharedResource.en.resx. Pages
/// get them through IStringLocalizer&lt;SharedResource&gt;; code without a request (Format) through <see cref="Texts"/>.
/// The keys are the Dutch texts, so Dutch needs no resource file.
/// </summary>
public sealed class SharedResource;

public static class Texts
{
    private static readonly ResourceManager Resources = new("Kring.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    /// <summary>The Dutch text in the current UI language.</summary>
    public static string T(string dutch)
    {
        var culture = CultureInfo.CurrentUICulture;
        if (culture.TwoLetterISOLanguageName == "nl" || culture.Equals(CultureInfo.InvariantCulture)) return dutch;
        try
        {
            return Resources.GetString(dutch, culture) ?? dutch;
        }
        catch (MissingManifestResourceException)
        {
            return dutch;
        }
    }

    /// <summary>Formats with the current culture after translating the template.</summary>
    public static string T(string dutch, params object?[] args) => string.Format(CultureInfo.CurrentCulture, T(dutch), args);
}
