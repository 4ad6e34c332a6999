using Kring.Web.Api;
using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Coordinatie;

/// <summary>
/// The partner coordinator signs up a new volunteer of their organisation; the answer shows, once, the account's
/// activation code to hand over in person.
/// </summary>
[Authorize(Policy = AuthSetup.Policies.Coordinator)]
public sealed class AanmeldenModel(IGrainFactory grains, Accounts accounts, SecurityLog log) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Village { get; set; }
    [BindProperty] public List<string> Kinds { get; set; } = ["buddy"];
    [BindProperty] public List<string> Skills { get; set; } = [];
    [BindProperty] public string? MaxKm { get; set; } = "5";
    [BindProperty]
    public string? MaxHoursPerWeek { get; set; } =
        VolunteerSignUp.DefaultHoursPerWeek.ToString(System.Globalization.CultureInfo.InvariantCulture);
    /// <summary>One key per form, so pressing the button twice signs up one volunteer.</summary>
    [BindProperty] public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");
    public ActivationNotice? Activation { get; private set; }
    public string? SignedUp { get; private set; }
    public IReadOnlyList<VillageInfo> Villages { get; private set; } = [];
    public FieldErrors Errors { get; } = new();

    public async Task OnGet() => await LoadVillages();

    public async Task<IActionResult> OnPost()
    {
        await LoadVillages();
        var user = KringUser.From(User)!;
        var form = new VolunteerSignUp.Form(UserName, DisplayName, Village, Kinds, Skills, MaxKm, MaxHoursPerWeek);
        var created = await VolunteerSignUp.Run(
            grains, accounts, log, HttpContext, user.PartnerId!, user.UserName, form, IdempotencyKey, Errors);
        if (created is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var message = Texts.T("{0} is aangemeld met de gebruikersnaam {1}.", created.DisplayName, created.UserName);
        if (created is { ActivationCode: { } code, ActivationExpiresAt: { } expires })
        {
            Activation = new ActivationNotice(message, created.UserName, created.DisplayName, code, expires);
        }
        else
        {
            SignedUp = message;
        }
        return Page();
    }

    private async Task LoadVillages() =>
        Villages = (await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages())
            .OrderBy(v => v.Name, StringComparer.CurrentCulture).ToList();
}
