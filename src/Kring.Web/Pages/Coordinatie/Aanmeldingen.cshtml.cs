using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Coordinatie;

/// <summary>The volunteers who signed up themselves with the coordinator's partner: approve (the code goes by mail) or decline.</summary>
[Authorize(Policy = AuthSetup.Policies.Coordinator)]
public sealed class AanmeldingenModel(IGrainFactory grains, Accounts accounts, SecurityLog log) : PageModel
{
    private Dictionary<string, string> _villages = new();

    public IReadOnlyList<VolunteerApplication> Waiting { get; private set; } = [];
    [TempData] public string? Message { get; set; }
    [TempData] public bool MessageIsError { get; set; }

    public string VillageName(string id) => _villages.GetValueOrDefault(id, id);

    public async Task OnGet()
    {
        var user = KringUser.Current(HttpContext);
        Waiting = await VolunteerApplicationDesk.Waiting(grains, user, user.PartnerId!) ?? [];
        _villages = (await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages()).ToDictionary(v => v.Id, v => v.Name);
    }

    public async Task<IActionResult> OnPostApprove(string? applicationId)
    {
        var user = KringUser.Current(HttpContext);
        var (refusal, volunteer) = await VolunteerApplicationDesk.Approve(grains, accounts, log, HttpContext, user, user.PartnerId!,
            applicationId ?? "");
        Message = refusal == VolunteerApplicationDesk.Refusal.None
            ? Texts.T("{0} is vrijwilliger, met gebruikersnaam {1}. De eenmalige code is gemaild.", volunteer!.DisplayName,
                volunteer.UserName)
            : Texts.T("Deze aanmelding wacht niet (meer).");
        MessageIsError = refusal != VolunteerApplicationDesk.Refusal.None;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDecline(string? applicationId)
    {
        var user = KringUser.Current(HttpContext);
        var refusal = await VolunteerApplicationDesk.Decline(grains, user, user.PartnerId!, applicationId ?? "");
        Message = refusal == VolunteerApplicationDesk.Refusal.None
            ? Texts.T("Afgewezen. De aanmelder krijgt een mail, en de gegevens zijn weg.")
            : Texts.T("Deze aanmelding wacht niet (meer).");
        MessageIsError = refusal != VolunteerApplicationDesk.Refusal.None;
        return RedirectToPage();
    }
}
