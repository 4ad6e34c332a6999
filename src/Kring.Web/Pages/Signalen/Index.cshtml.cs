using Kring.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Signalen;

[Authorize(Roles = nameof(Role.CarerConsultant))]
public sealed class IndexModel(IGrainFactory grains, Kring.Web.Privacy.AccessLog log) : PageModel
{
    public IReadOnlyList<CarerSignal> Signals { get; private set; } = [];

    public async Task OnGet()
    {
        var user = KringUser.Current(HttpContext);
        Signals = (await grains.GetGrain<ISignalsGrain>(DirectoryKeys.Default).GetSignals()).Where(s => user.InScope(s.Village)).ToList();
        await log.Record(HttpContext, Signals.Select(s => s.CircleId), AccessKind.Listed);
    }

    /// <summary>The consultant took up a referral; it leaves the list.</summary>
    public async Task<IActionResult> OnPostHandled(string? kring)
    {
        if (!string.IsNullOrWhiteSpace(kring)) await grains.GetGrain<ISignalsGrain>(DirectoryKeys.Default).Handled(kring.Trim());
        return RedirectToPage();
    }
}
