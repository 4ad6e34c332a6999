using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Kring.Web.Localisation;

/// <summary>
/// Dutch by default, English on request: texts come from resource files (Resources/*.en.resx), the choice from the
/// culture cookie that the language link in the layout sets. Dates and times are shown in Europe/Amsterdam.
/// </summary>
public static class FrontEndSetup
{
    public const string Dutch = "nl-NL";
    public const string English = "en";
    public static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo(Dutch), CultureInfo.GetCultureInfo(English)];

    public static IServiceCollection AddKringFrontEnd(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddRazorPages().AddViewLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Dutch);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            // Only the cookie: the browser's language does not switch anyone to English unasked.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return services;
    }

    public static IApplicationBuilder UseKringLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
