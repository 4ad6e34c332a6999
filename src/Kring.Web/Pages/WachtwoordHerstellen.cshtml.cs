using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages;

/// <summary>The mailed link's page: a new password, once, while the link works. Every earlier session ends.</summary>
public sealed class WachtwoordHerstellenModel(Accounts accounts) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "gebruiker")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true, Name = "code")] public string? Code { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? RepeatPassword { get; set; }
    public bool Done { get; private set; }
    public FieldErrors Errors { get; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPost()
    {
        if (!string.IsNullOrEmpty(NewPassword) && NewPassword != RepeatPassword)
        {
            Errors.Add("RepeatPassword", "De twee nieuwe wachtwoorden zijn niet gelijk.");
        }
        Done = !Errors.Any && await PasswordResetDesk.Choose(accounts, HttpContext, UserName, Code, NewPassword, Errors);
        if (!Done) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
