using Kring.Web.Api;
using Kring.Web.Input;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Kringen;

/// <summary>The consultant gives a carer an account for their own circle, with a first password to hand over in person.</summary>
[Authorize(Roles = nameof(Role.CarerConsultant))]
public sealed class AccountModel(IGrainFactory grains, Privacy.AccessLog log, Security.SecurityLog security) : PageModel
{
    [BindProperty] public string? Kring { get; set; }
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [TempData] public string? Message { get; set; }
    public CircleProfile? Circle { get; private set; }
    public IReadOnlyList<AccountDto> Accounts { get; private set; } = [];
    public FieldErrors Errors { get; } = new();

    public async Task<IActionResult> OnGet(string? kring)
    {
        Kring = kring?.Trim();
        return await Load() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPost()
    {
        Kring = Kring?.Trim();
        if (!await Load()) return NotFound();
        var created = await AccountDesk.CreateCarer(grains, security, HttpContext, Circle!, UserName, Password, Errors);
        if (created is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await log.Record(HttpContext, Circle!.Id, AccessKind.AccountCreated);
        Message = Texts.T("{0} kan nu inloggen met de gebruikersnaam {1}. Geef het wachtwoord persoonlijk door; het kan na het inloggen worden gewijzigd.",
            created.DisplayName, created.UserName);
        return Redirect($"/Kringen/Account?kring={Uri.EscapeDataString(Circle.Id)}");
    }

    private async Task<bool> Load()
    {
        if (string.IsNullOrEmpty(Kring)) return false;
        Circle = (await grains.GetGrain<ICarerCircleGrain>(Kring).Get())?.Profile;
        if (Circle is null) return false;
        await log.Record(HttpContext, Circle.Id, AccessKind.CircleViewed);
        Accounts = await AccountDesk.ForCircle(grains, Circle.Id);
        return true;
    }
}
