using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages;

/// <summary>A forgotten password: Kring mails a link to the account's own address, and says the same whatever the name.</summary>
public sealed class WachtwoordVergetenModel(Accounts accounts) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    public bool Sent { get; private set; }
    public FieldErrors Errors { get; } = new();

    public void OnGet(string? gebruiker) => UserName = gebruiker?.Trim();

    public async Task<IActionResult> OnPost()
    {
        Sent = await PasswordResetDesk.Ask(accounts, HttpContext, UserName, Errors);
        if (!Sent) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
