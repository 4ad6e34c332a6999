using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Signalen;

[Authorize(Roles = nameof(Role.CarerConsultant))]
public sealed class SignalenModel(IGrainFactory grains) : PageModel
{
    public IReadOnlyList<CarerSignal> Signals { get; private set; } = [];

    public async Task OnGet() => Signals = await grains.GetGrain<ISignalsGrain>(DirectoryKeys.Default).GetSignals();
}
