using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Kringen;

/// <summary>The consultant's intake list: carers who registered or were referred; accept (the circle is made) or decline.</summary>
[Authorize(Roles = nameof(Role.CarerConsultant))]
public sealed class AanmeldingenModel(IGrainFactory grains, Accounts accounts, SecurityLog log) : PageModel
{
    private Dictionary<string, string> _villages = new();

    public IReadOnlyList<CircleIntake> Waiting { get; private set; } = [];
    [TempData] public string? Message { get; set; }
    [TempData] public bool MessageIsError { get; set; }

    public string VillageName(string id) => _villages.GetValueOrDefault(id, id);

    public async Task OnGet()
    {
        Waiting = await IntakeDesk.Waiting(grains, KringUser.Current(HttpContext)) ?? [];
        _villages = (await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages()).ToDictionary(v => v.Id, v => v.Name);
    }

    public async Task<IActionResult> OnPostAccept(string? intakeId)
    {
        var (refusal, circleId, userName) = await IntakeDesk.Accept(grains, accounts, log, HttpContext, KringUser.Current(HttpContext),
            intakeId ?? "");
        if (refusal != IntakeDesk.Refusal.None) return Show(Texts.T("Deze aanmelding wacht niet (meer)."), true);
        return Show(userName is null
            ? Texts.T("De kring is aangemeld ({0}). Neem contact op met de mantelzorger.", circleId!)
            : Texts.T("De kring is aangemeld ({0}); de mantelzorger kreeg gebruikersnaam {1} en een eenmalige code per mail.", circleId!,
                userName), false);
    }

    public async Task<IActionResult> OnPostDecline(string? intakeId)
    {
        var refusal = await IntakeDesk.Decline(grains, KringUser.Current(HttpContext), intakeId ?? "");
        return Show(refusal == IntakeDesk.Refusal.None
            ? Texts.T("Afgewezen. Wie de aanmelding deed, krijgt een mail, en de gegevens zijn weg.")
            : Texts.T("Deze aanmelding wacht niet (meer)."), refusal != IntakeDesk.Refusal.None);
    }

    private RedirectToPageResult Show(string message, bool isError)
    {
        Message = message;
        MessageIsError = isError;
        return RedirectToPage();
    }
}
