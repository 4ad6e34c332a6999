using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Kringen;

/// <summary>The consultant erases a circle, after confirming on this page (a form: the CSP allows no inline script).</summary>
[Authorize(Roles = nameof(Role.CarerConsultant))]
public sealed class WissenModel(IGrainFactory grains, Privacy.AccessLog log, SessionStamps stamps, SecurityLog security) : PageModel
{
    [BindProperty(Name = "Kring")] public string? CircleId { get; set; }
    [BindProperty] public bool Confirmed { get; set; }
    public CircleProfile? Circle { get; private set; }
    public bool Erased { get; private set; }
    public bool NotConfirmed { get; private set; }

    public async Task<IActionResult> OnGet(string? kring)
    {
        CircleId = kring?.Trim();
        return await Load() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPost()
    {
        CircleId = CircleId?.Trim();
        if (!await Load()) return NotFound();
        if (Erased) return Page();
        if (!Confirmed)
        {
            NotConfirmed = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await ErasureDesk.EraseCircle(grains, stamps, security, HttpContext, CircleId!);
        TempData["Message"] = Texts.T("Kring {0} is gewist. Alleen anonieme aantallen blijven over.", CircleId!);
        return Redirect($"/Kringen?dorp={Uri.EscapeDataString(Circle!.Village)}");
    }

    /// <summary>The circle to erase, shown by name so the consultant erases the right one; false when it never existed.</summary>
    private async Task<bool> Load()
    {
        if (string.IsNullOrEmpty(CircleId)) return false;
        var circle = grains.GetGrain<ICarerCircleGrain>(CircleId);
        Circle = (await circle.Get())?.Profile;
        if (Circle is not null)
        {
            await log.Record(HttpContext, CircleId, AccessKind.CircleViewed);
            return true;
        }
        Erased = await circle.IsErased();
        return Erased;
    }
}
