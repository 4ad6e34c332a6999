using Kring.Web.Input;
using Kring.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Hulpvragen;

public sealed class IndexModel(IGrainFactory grains, Privacy.AccessLog log) : PageModel
{
    public CircleView? Circle { get; private set; }
    public string? CircleId { get; private set; }
    public bool IsConsultant { get; private set; }
    public bool Erased { get; private set; }
    [TempData] public string? Message { get; set; }
    public FieldErrors Errors { get; } = new();

    /// <summary>How Kring reaches the carer, and whether their volunteer sees the circle's phone number.</summary>
    public async Task<IActionResult> OnPostContact(
        string? kring, string? email, string? mobile, string? quietFrom, string? quietUntil, bool sharePhone = false, bool reminders = true)
    {
        var user = KringUser.From(User)!;
        var circleId = user.Role == Role.CarerConsultant ? kring : user.CircleId;
        if (circleId is null || !user.CanRequestFor(circleId)) return Forbid();
        var grain = grains.GetGrain<ICarerCircleGrain>(circleId);
        var language = Localisation.FrontEndSetup.IsEnglish ? "en" : "nl";
        var contact = ContactInput.Parse(email, mobile, offersByMail: true, sharePhone, language, Errors, quietFrom, quietUntil, reminders);
        var circle = await grain.Get();
        if (contact is null || circle is null)
        {
            (IsConsultant, CircleId, Circle) = (user.Role == Role.CarerConsultant, circleId, circle);
            if (Circle is not null) await log.Record(HttpContext, circleId, AccessKind.CircleViewed);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await grain.SetContact(contact);
        Message = Texts.T("Uw contactgegevens zijn opgeslagen.");
        return RedirectToPage(new { kring = circleId });
    }

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
