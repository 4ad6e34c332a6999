using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Dorp;

/// <summary>The village's initiatives and good examples (*pareltjes*), kept up to date by its contact person.</summary>
public sealed class InitiatievenModel(IGrainFactory grains) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "dorp")] public string? VillageId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public bool GoodExample { get; set; }
    public VillageInfo? Village { get; private set; }
    public bool MayEdit { get; private set; }
    public FieldErrors Errors { get; } = new();
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGet() => await Load();

    public async Task<IActionResult> OnPostSave()
    {
        var (refusal, saved) = await InitiativeDesk.Save(grains, KringUser.Current(HttpContext), VillageId ?? "", Name, Description,
            GoodExample, Errors);
        if (refusal == InitiativeDesk.Refusal.Invalid)
        {
            var page = await Load();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }
        if (refusal != InitiativeDesk.Refusal.None) return refusal == InitiativeDesk.Refusal.NotAllowed ? Forbid() : NotFound();
        Message = Texts.T("{0} is bijgewerkt.", saved!.Name);
        return RedirectToPage(new { dorp = VillageId });
    }

    public async Task<IActionResult> OnPostRemove(string? name)
    {
        var refusal = await InitiativeDesk.Remove(grains, KringUser.Current(HttpContext), VillageId ?? "", name);
        if (refusal == InitiativeDesk.Refusal.NotAllowed) return Forbid();
        Message = Texts.T("Het initiatief is weggehaald.");
        return RedirectToPage(new { dorp = VillageId });
    }

    private async Task<IActionResult> Load()
    {
        var user = KringUser.Current(HttpContext);
        VillageId ??= user.VillageId;
        if (VillageId is null || !user.CanSeeVillage(VillageId)) return Forbid();
        Village = await grains.GetGrain<IVillageGrain>(VillageId).GetInfo();
        if (Village is null) return NotFound();
        MayEdit = InitiativeDesk.MayEdit(user, VillageId);
        return Page();
    }
}
