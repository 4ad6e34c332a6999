using Kring.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages;

public sealed class InloggenModel(Accounts accounts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    public bool Failed { get; private set; }
    public bool ActivationExpired { get; private set; }
    /// <summary>Set when this client is throttled for the user name: the Dutch message with the seconds to wait.</summary>
    public string? Throttled { get; private set; }

    /// <summary>An invitation mail links here with the user name filled in.</summary>
    public void OnGet(string? gebruiker) => UserName = gebruiker?.Trim();

    public async Task<IActionResult> OnPost()
    {
        var (account, retryAfter, expired) = await accounts.SignIn(HttpContext, UserName, Password);
        if (retryAfter is { } wait)
        {
            Throttled = Texts.T("Te veel pogingen; probeer het over {0} seconden opnieuw.", SecurityLog.Seconds(wait));
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = SecurityLog.Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }
        if (account is null)
        {
            Failed = !expired;
            ActivationExpired = expired;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            KringUser.ToPrincipal(account, CookieAuthenticationDefaults.AuthenticationScheme));
        if (account.ActivationExpiresAt is not null) return LocalRedirect(ActivationGate.PasswordPage);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
