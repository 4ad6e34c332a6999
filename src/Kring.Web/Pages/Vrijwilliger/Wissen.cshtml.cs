using System.Security.Claims;
using Kring.Web.Api;
using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Vrijwilliger;

/// <summary>A volunteer leaves Kring and has their data erased, after confirming with their password.</summary>
public sealed class WissenModel(IGrainFactory grains, Accounts accounts, SessionStamps stamps, SecurityLog log) : PageModel
{
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public bool Confirmed { get; set; }
    public FieldErrors Errors { get; } = new();
    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPost()
    {
        var user = KringUser.From(User)!;
        if (!Confirmed) Errors.Add("Confirmed", "Vink aan dat u begrijpt dat wissen niet ongedaan kan worden.");
        if (string.IsNullOrEmpty(Password)) Errors.Add("Password", "Vul uw wachtwoord in om uw gegevens te wissen.");
        else if (await accounts.CheckPassword(HttpContext, user.UserName, Password) is { Account: null } refused)
        {
            Errors.Add("Password", refused.RetryAfter is { } wait ? SecurityLog.TooManyAttempts(wait) : "Uw wachtwoord klopt niet.");
        }
        if (Errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await ErasureDesk.EraseVolunteer(grains, stamps, log, HttpContext, user.VolunteerId!);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        HttpContext.User = new ClaimsPrincipal(new ClaimsIdentity());
        Done = true;
        return Page();
    }
}
