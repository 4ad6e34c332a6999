using Kring.Web.Api;
using Kring.Web.Input;
using Kring.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Coordinatie;

/// <summary>The partner coordinator signs up a new volunteer of their organisation, with a first password to hand over.</summary>
[Authorize(Policy = AuthSetup.Policies.Coordinator)]
public sealed class AanmeldenModel(IGrainFactory grains, SecurityLog log) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Village { get; set; }
    [BindProperty] public List<string> Kinds { get; set; } = ["buddy"];
    [BindProperty] public List<string> Skills { get; set; } = [];
    [BindProperty] public string? MaxKm { get; set; } = "5";
    [BindProperty] public string? MaxHoursPerWeek { get; set; } = VolunteerSignUp.DefaultHoursPerWeek.ToString(System.Globalization.CultureInfo.InvariantCulture);
    [BindProperty] public string? Password { get; set; }
    /// <summary>One key per form, so pressing the button twice signs up one volunteer.</summary>
    [BindProperty] public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");
    [TempData] public string? Message { get; set; }
    public IReadOnlyList<VillageInfo> Villages { get; private set; } = [];
    public FieldErrors Errors { get; } = new();

    public async Task OnGet() => await LoadVillages();

    public async Task<IActionResult> OnPost()
    {
        await LoadVillages();
        var user = KringUser.From(User)!;
        var form = new VolunteerSignUp.Form(UserName, DisplayName, Village, Kinds, Skills, MaxKm, MaxHoursPerWeek, Password);
        var created = await VolunteerSignUp.Run(grains, log, HttpContext, user.PartnerId!, user.UserName, form, IdempotencyKey, Errors);
        if (created is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Message = Texts.T("{0} is aangemeld met de gebruikersnaam {1}. Geef het wachtwoord persoonlijk door; {0} kan het na het inloggen wijzigen.",
            created.DisplayName, created.UserName);
        return Redirect("/Coordinatie#vrijwilligers");
    }

    private async Task LoadVillages() =>
        Villages = (await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages()).OrderBy(v => v.Name, StringComparer.CurrentCulture).ToList();
}
