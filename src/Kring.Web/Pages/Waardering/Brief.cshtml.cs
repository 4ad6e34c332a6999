using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Waardering;

/// <summary>A printable appreciation letter for one carer.</summary>
[Authorize(Roles = nameof(Role.CarerConsultant))]
public sealed class BriefModel(IGrainFactory grains, Privacy.AccessLog log) : PageModel
{
    public CircleProfile Circle { get; private set; } = default!;
    public int Year { get; private set; }
    public string Today { get; private set; } = "";

    public async Task<IActionResult> OnGet(string? kring, int? jaar)
    {
        if (kring is null || await grains.GetGrain<ICarerCircleGrain>(kring).Get() is not { } circle) return NotFound();
        await log.Record(HttpContext, kring, AccessKind.CircleViewed);
        Circle = circle.Profile;
        Year = jaar is >= 2000 and <= 2100 ? jaar.Value : TimeProvider.System.GetUtcNow().Year;
        Today = Amsterdam.ToLocal(TimeProvider.System.GetUtcNow()).ToString("d MMMM yyyy", Format.Culture);
        return Page();
    }
}
