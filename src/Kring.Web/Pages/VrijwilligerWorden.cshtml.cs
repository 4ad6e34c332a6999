using Kring.Web.Input;
using Kring.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages;

/// <summary>Anyone signs up as a volunteer with a partner; its coordinator approves it, and the way in comes by mail.</summary>
public sealed class VrijwilligerWordenModel(IGrainFactory grains) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "organisatie")] public string? Partner { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Mobile { get; set; }
    [BindProperty] public string? Village { get; set; }
    [BindProperty] public List<string> Kinds { get; set; } = [];
    [BindProperty] public string? MaxKm { get; set; } = "10";
    [BindProperty] public string? Note { get; set; }
    public IReadOnlyList<PartnerInfo> Partners { get; private set; } = [];
    public IReadOnlyList<VillageInfo> Villages { get; private set; } = [];
    public bool Sent { get; private set; }
    public FieldErrors Errors { get; } = new();

    public async Task OnGet() => await Load();

    public async Task<IActionResult> OnPost()
    {
        var form = new VolunteerApplicationDesk.Form(Name, Email, Mobile, Village, Kinds, MaxKm, Note);
        var refusal = string.IsNullOrWhiteSpace(Partner)
            ? VolunteerApplicationDesk.Refusal.NoSuchPartner
            : await VolunteerApplicationDesk.Apply(grains, Partner.Trim(), form, Errors);
        switch (refusal)
        {
            case VolunteerApplicationDesk.Refusal.None:
                Sent = true;
                return Page();
            case VolunteerApplicationDesk.Refusal.NoSuchPartner:
                Errors.Add("partner", "Kies de organisatie waar u vrijwilliger wilt worden.");
                break;
            case VolunteerApplicationDesk.Refusal.Full:
                Errors.Add("partner", "Er wachten nu al veel aanmeldingen bij deze organisatie. Probeer het later nog eens.");
                break;
        }
        await Load();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task Load()
    {
        var directory = grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default);
        Partners = (await directory.GetPartners()).Where(VolunteerApplicationDesk.TakesVolunteers)
            .OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
        Villages = (await directory.GetVillages()).OrderBy(v => v.Name, StringComparer.CurrentCulture).ToList();
    }
}
