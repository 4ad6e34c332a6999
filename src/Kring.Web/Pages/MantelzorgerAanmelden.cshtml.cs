using Kring.Web.Input;
using Kring.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages;

/// <summary>A carer registers themselves, or someone refers them; the consultant's intake list is where it goes, and only there.</summary>
public sealed class MantelzorgerAanmeldenModel(IGrainFactory grains) : PageModel, ICircleForm
{
    [BindProperty] public string? Village { get; set; }
    [BindProperty] public string? CarerName { get; set; }
    [BindProperty] public string? CarerAge { get; set; }
    [BindProperty] public string? CareRecipientName { get; set; }
    [BindProperty] public string? Relationship { get; set; }
    [BindProperty] public List<string> Needs { get; set; } = [];
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? ReferrerName { get; set; }
    [BindProperty] public string? ReferrerEmail { get; set; }
    [BindProperty] public string? Note { get; set; }
    public IReadOnlyList<VillageInfo> Villages { get; private set; } = [];
    public bool Sent { get; private set; }
    public FieldErrors Errors { get; } = new();

    public async Task OnGet() => await LoadVillages();

    public async Task<IActionResult> OnPost()
    {
        var form = new IntakeDesk.Form(Village, CarerName, CarerAge, CareRecipientName, Relationship, Needs, Phone, Address, Email,
            ReferrerName, ReferrerEmail, Note);
        var refusal = await IntakeDesk.Submit(grains, form, Errors);
        if (refusal == IntakeDesk.Refusal.Full) Errors.Add("form", "Er wachten nu al veel aanmeldingen. Probeer het later nog eens.");
        Sent = refusal == IntakeDesk.Refusal.None;
        if (!Sent)
        {
            await LoadVillages();
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    private async Task LoadVillages() =>
        Villages = (await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages())
            .OrderBy(v => v.Name, StringComparer.CurrentCulture).ToList();
}
