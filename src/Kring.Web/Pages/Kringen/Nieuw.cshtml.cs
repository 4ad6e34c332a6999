using Kring.Web.Security;
using Kring.Web.Api;
using Kring.Web.Input;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Kringen;

/// <summary>The carer consultant registers a new carer circle, then files requests on its behalf.</summary>
[Authorize(Roles = nameof(Role.CarerConsultant))]
public sealed class NieuwModel(IGrainFactory grains) : PageModel, ICircleForm
{
    [BindProperty] public string? Village { get; set; }
    [BindProperty] public string? CarerName { get; set; }
    [BindProperty] public string? CarerAge { get; set; }
    [BindProperty] public string? CareRecipientName { get; set; }
    [BindProperty] public string? Relationship { get; set; }
    [BindProperty] public List<string> Needs { get; set; } = [];
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Address { get; set; }
    /// <summary>One key per form, so pressing "register" twice registers one circle.</summary>
    [BindProperty] public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");
    public IReadOnlyList<VillageInfo> Villages { get; private set; } = [];
    public FieldErrors Errors { get; } = new();

    public async Task OnGet(string? dorp)
    {
        Village = dorp;
        await LoadVillages();
    }

    public async Task<IActionResult> OnPost()
    {
        await LoadVillages();
        int? age = int.TryParse(
            CarerAge, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var a) ? a : null;
        if (age is null && !string.IsNullOrWhiteSpace(CarerAge)) Errors.Add("carerAge", "Vul de leeftijd in hele jaren in.");
        var profile = CircleInput.Validate(CircleInput.NewId(IdempotencyKey), Village, Villages.Select(v => v.Id).ToList(), CarerName, age,
            CareRecipientName, Relationship, Needs, Phone, Address, Errors);
        if (profile is null || Errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var circle = await CircleDesk.RegisterOnce(grains, profile);
        TempData["Message"] = Texts.T(
            "De kring van {0} is aangemeld ({1}). U kunt nu hulp vragen namens deze kring.", circle.Profile.CarerName, circle.Profile.Id);
        return RedirectToPage("/Hulpvragen/Index", new { kring = circle.Profile.Id });
    }

    private async Task LoadVillages() =>
        Villages = (await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages())
            .Where(v => KringUser.Current(HttpContext).InScope(v.Id)).OrderBy(v => v.Name, StringComparer.CurrentCulture).ToList();
}
