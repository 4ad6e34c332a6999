using Kring.Web.Api;
using Kring.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Waardering;

[Authorize(Roles = nameof(Role.CarerConsultant))]
public sealed class IndexModel(IGrainFactory grains, Privacy.AccessLog log) : PageModel
{
    public int Shown { get; } = 100;
    public int Year { get; private set; }
    public AppreciationRoundResponse Round { get; private set; } = new(0, 0, 0, []);

    public async Task OnGet(int? jaar)
    {
        Year = jaar is >= 2000 and <= 2100 ? jaar.Value : TimeProvider.System.GetUtcNow().Year;
        Round = await CommunityApi.Round(grains, KringUser.Current(HttpContext), Year);
        await log.Record(HttpContext, Round.Carers.Take(Shown).Select(c => c.CircleId), AccessKind.Listed);
    }

    public async Task<IActionResult> OnPost(string? kring, int jaar)
    {
        if (kring is null || jaar is < 2000 or > 2100 || await grains.GetGrain<ICarerCircleGrain>(kring).Get() is null) return BadRequest();
        await grains.GetGrain<IAppreciationGrain>(jaar.ToString(System.Globalization.CultureInfo.InvariantCulture)).MarkReceived(
            kring, KringUser.From(User)!.UserName);
        return RedirectToPage(new { jaar });
    }
}
