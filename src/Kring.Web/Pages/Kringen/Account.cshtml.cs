using Kring.Web.Api;
using Kring.Web.Input;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Kringen;

/// <summary>
/// The consultant gives a carer an account for their own circle, with a one-time activation code to hand over in person,
/// or a new code for one of the circle's accounts. A code is shown once, on the answer to the post.
/// </summary>
[Authorize(Roles = nameof(Role.CarerConsultant))]
public sealed class AccountModel(
    IGrainFactory grains, Privacy.AccessLog log, Security.SecurityLog security, Security.Accounts accounts) : PageModel
{
    [BindProperty(Name = "Kring")] public string? CircleId { get; set; }
    [BindProperty] public string? UserName { get; set; }
    public ActivationNotice? Activation { get; private set; }
    public CircleProfile? Circle { get; private set; }
    public IReadOnlyList<AccountDto> Accounts { get; private set; } = [];
    public FieldErrors Errors { get; } = new();

    public async Task<IActionResult> OnGet(string? kring)
    {
        CircleId = kring?.Trim();
        return await Load() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPost()
    {
        CircleId = CircleId?.Trim();
        if (!await Load()) return NotFound();
        var created = await AccountDesk.CreateCarer(grains, accounts, security, HttpContext, Circle!, UserName, Errors);
        if (created is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await log.Record(HttpContext, Circle!.Id, AccessKind.AccountCreated);
        Accounts = await AccountDesk.ForCircle(grains, Circle.Id);
        Activation = ActivationNotice.For(
            created, Texts.T("{0} kan nu inloggen met de gebruikersnaam {1}.", created.DisplayName, created.UserName));
        ModelState.Clear();
        UserName = null;
        return Page();
    }

    public async Task<IActionResult> OnPostActivation(string? account)
    {
        CircleId = CircleId?.Trim();
        if (!await Load()) return NotFound();
        if (string.IsNullOrWhiteSpace(account)
            || await AccountDesk.NewActivation(grains, accounts, HttpContext, account, Circle!.Id) is not { } issued)
        {
            return NotFound();
        }
        Accounts = await AccountDesk.ForCircle(grains, Circle.Id);
        Activation = ActivationNotice.For(
            issued, Texts.T("{0} heeft een nieuwe activeringscode; het oude wachtwoord of de oude code werkt niet meer.", issued.UserName));
        return Page();
    }

    private async Task<bool> Load()
    {
        if (string.IsNullOrEmpty(CircleId)) return false;
        Circle = (await grains.GetGrain<ICarerCircleGrain>(CircleId).Get())?.Profile;
        if (Circle is null) return false;
        await log.Record(HttpContext, Circle.Id, AccessKind.CircleViewed);
        Accounts = await AccountDesk.ForCircle(grains, Circle.Id);
        return true;
    }
}
