using Kring.Web.Api;
using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages;

/// <summary>
/// The signed-in user sets their own password: a new account with the activation code it signed in with (every other
/// page leads here until then), anyone else with their current password. Afterwards every other session has ended.
/// </summary>
[Authorize]
public sealed class WachtwoordModel(Accounts accounts) : PageModel
{
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? RepeatPassword { get; set; }
    public bool Activating { get; private set; }
    public string? Throttled { get; private set; }
    public FieldErrors Errors { get; } = new();

    public void OnGet() => Activating = KringUser.MustChoosePassword(User);

    public async Task<IActionResult> OnPost()
    {
        Activating = KringUser.MustChoosePassword(User);
        if (!string.IsNullOrEmpty(NewPassword) && NewPassword != RepeatPassword)
        {
            Errors.Add("RepeatPassword", "De twee nieuwe wachtwoorden zijn niet gelijk.");
        }
        if (!Errors.Any)
        {
            var (changed, retryAfter) = await AccountDesk.ChangePassword(accounts, HttpContext, CurrentPassword, NewPassword, Errors);
            if (changed is not null) return LocalRedirect("/");
            if (retryAfter is { } wait)
            {
                Throttled = Texts.T("Te veel pogingen; probeer het over {0} seconden opnieuw.", SecurityLog.Seconds(wait));
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return Page();
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
