using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Dorp;

/// <summary>
/// One carer's contacts as the village contact person and the consultant logged them; a form to log a new one, and for
/// the village contact person one to refer the carer to the consultant.
/// </summary>
[Authorize(Roles = $"{nameof(Role.VillageContact)},{nameof(Role.KeyFigure)},{nameof(Role.CarerConsultant)}")]
public sealed class ContactModel(IGrainFactory grains, Privacy.AccessLog log) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "kring")] public string? CircleId { get; set; }
    [BindProperty] public string? Kind { get; set; } = "call";
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? AskKind { get; set; }
    [BindProperty] public string? AskDate { get; set; }
    [BindProperty] public string? AskFrom { get; set; }
    [BindProperty] public string? AskTo { get; set; }
    [BindProperty] public string? Consent { get; set; }
    public CircleView? Circle { get; private set; }
    public IReadOnlyList<CircleContact> Contacts { get; private set; } = [];
    public bool CanRefer => KringUser.Current(HttpContext).Role is Role.VillageContact or Role.KeyFigure;
    public bool CanAsk => KringUser.Current(HttpContext).Role == Role.VillageContact;
    public FieldErrors Errors { get; } = new();
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGet() => await Load();

    public async Task<IActionResult> OnPostLog() =>
        Answer(await ContactDesk.Log(grains, KringUser.Current(HttpContext), CircleId ?? "", Kind, Date, Note, Errors),
            "Het contact is vastgelegd.") ?? await Invalid();

    public async Task<IActionResult> OnPostRefer() =>
        Answer(await ContactDesk.Refer(grains, KringUser.Current(HttpContext), CircleId ?? "", Reason, Errors),
            "De mantelzorgconsulent ziet de doorverwijzing bij de signalen.") ?? await Invalid();

    /// <summary>The village contact person asks for help on the carer's behalf, saying how the carer agreed.</summary>
    public async Task<IActionResult> OnPostAsk()
    {
        var (refusal, limit) = await HelpRequestDesk.FileForCarer(grains, KringUser.Current(HttpContext), CircleId?.Trim() ?? "",
            AskKind, (AskDate, AskFrom, AskTo), null, Consent, Errors);
        if (refusal is HelpRequestDesk.Refusal.NotAllowed or HelpRequestDesk.Refusal.NoSuchCircle) return Forbid();
        if (refusal == HelpRequestDesk.Refusal.Invalid) return await Invalid();
        Message = Texts.T(limit ?? "De hulpvraag is verstuurd, en de toestemming is vastgelegd.");
        return RedirectToPage(new { kring = CircleId });
    }

    private IActionResult? Answer(ContactDesk.Outcome outcome, string done)
    {
        switch (outcome.Refusal)
        {
            case ContactDesk.Refusal.NotAllowed: return Forbid();
            case ContactDesk.Refusal.NoSuchCircle: return NotFound();
            case ContactDesk.Refusal.Invalid: return null;
        }
        Message = Texts.T(done);
        return RedirectToPage(new { kring = CircleId });
    }

    private async Task<IActionResult> Invalid()
    {
        var page = await Load();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<IActionResult> Load()
    {
        var (refusal, circle, contacts) = await ContactDesk.Read(grains, KringUser.Current(HttpContext), CircleId?.Trim() ?? "");
        if (refusal == ContactDesk.Refusal.NotAllowed) return Forbid();
        if (refusal == ContactDesk.Refusal.NoSuchCircle) return NotFound();
        await log.Record(HttpContext, circle!.Profile.Id, AccessKind.CircleViewed);
        (Circle, Contacts) = (circle, contacts);
        return Page();
    }
}
