using Kring.Web.Localisation;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages;

/// <summary>Switches the language with the culture cookie and goes back to the page the user came from.</summary>
public sealed class TaalModel : PageModel
{
    public IActionResult OnGet(string? taal, string? terug)
    {
        var culture = taal switch
        {
            "nl" or FrontEndSetup.Dutch => FrontEndSetup.Dutch,
            "en" => FrontEndSetup.English,
            _ => null,
        };
        if (culture is null) return Page();
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = Request.IsHttps,
                Path = "/",
            });
        return LocalRedirect(!string.IsNullOrEmpty(terug) && Url.IsLocalUrl(terug) ? terug : "/");
    }
}
