using Kring.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Hulpvragen;

public sealed class HulpvragenIndexModel(IGrainFactory grains, Privacy.AccessLog log) : PageModel
{
    public CircleView? Circle { get; private set; }
    public string? CircleId { get; private set; }
    public bool IsConsultant { get; private set; }
    public bool Erased { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGet(string? kring)
    {
        var user = KringUser.From(User)!;
        IsConsultant = user.Role == Role.CarerConsultant;
        CircleId = IsConsultant ? kring : user.CircleId;
        if (CircleId is null) return Page();
        if (!user.CanRequestFor(CircleId)) return Forbid();
        var grain = grains.GetGrain<ICarerCircleGrain>(CircleId);
        Circle = await grain.Get();
        if (Circle is null) Erased = await grain.IsErased();
        else await log.Record(HttpContext, CircleId, AccessKind.CircleViewed);
        return Page();
    }

    public async Task<IActionResult> OnPostCancel(string? kring, string? requestId)
    {
        var user = KringUser.From(User)!;
        var circleId = user.Role == Role.CarerConsultant ? kring : user.CircleId;
        if (circleId is null || !user.CanRequestFor(circleId)) return Forbid();
        var result = await grains.GetGrain<ICarerCircleGrain>(circleId).CancelRequest(requestId ?? "", user.UserName);
        Message = Texts.T(result is null ? "Deze hulpvraag bestaat niet." : "De hulpvraag is geannuleerd.");
        return RedirectToPage(new { kring = circleId });
    }
}
