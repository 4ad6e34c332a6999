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
    [BindProperty] public string? Kring { get; set; }
    [BindProperty] public bool Confirmed { get; set; }
    public CircleProfile? Circle { get; private set; }
    public bool Erased { get; private set; }
    public bool NotConfirmed { get; private set; }

    public async Task<IActionResult> OnGet(string? kring)
    {
        Kring = kring?.Trim();
        return await Load() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPost()
    {
        Kring = Kring?.Trim();
        if (!await Load()) return NotFound();
        if (Erased) return Page();
        if (!Confirmed)
        {
            NotConfirmed = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await ErasureDesk.EraseCircle(grains, stamps, security, HttpContext, Kring!);
        TempData["Message"] = Texts.T("Kring {0} is gewist. Alleen anonieme aantallen blijven over.", Kring!);
        return Redirect($"/Kringen?dorp={Uri.EscapeDataString(Circle!.Village)}");
    }

    /// <summary>The circle to erase, shown by name so the consultant erases the right one; false when it never existed.</summary>
    private async Task<bool> Load()
    {
        if (string.IsNullOrEmpty(Kring)) return false;
        var circle = grains.GetGrain<ICarerCircleGrain>(Kring);
        Circle = (await circle.Get())?.Profile;
        if (Circle is not null)
        {
            await log.Record(HttpContext, Kring, AccessKind.CircleViewed);
            return true;
        }
        Erased = await circle.IsErased();
        return Erased;
    }
}
