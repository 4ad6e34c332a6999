using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.EigenKring;

/// <summary>
/// The carer (or the consultant, for them) invites their own people by mail and sees the circle's calendar: who helps
/// when, own people and volunteers alike.
/// </summary>
[Authorize(Policy = AuthSetup.Policies.Requester)]
public sealed class IndexModel(
    IGrainFactory grains, Privacy.AccessLog log, SecurityLog security, Accounts accounts, SessionStamps stamps) : PageModel
{
    [BindProperty(Name = "Kring")] public string? CircleId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Relation { get; set; } = "family";
    public CircleView? Circle { get; private set; }
    public IReadOnlyList<OwnCircleDesk.CalendarEntry> Calendar { get; private set; } = [];
    public FieldErrors Errors { get; } = new();
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGet(string? kring)
    {
        var user = KringUser.Current(HttpContext);
        CircleId = user.Role == Role.Carer ? user.CircleId : kring?.Trim();
        if (string.IsNullOrEmpty(CircleId)) return Page();
        return await Load(user) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPost()
    {
        var user = KringUser.Current(HttpContext);
        var circleId = user.Role == Role.Carer ? user.CircleId : CircleId?.Trim();
        if (string.IsNullOrEmpty(circleId)) return NotFound();
        var outcome = await OwnCircleDesk.Invite(grains, accounts, security, HttpContext, user, circleId, Name, Email, Relation, Errors);
        switch (outcome.Refusal)
        {
            case OwnCircleDesk.Refusal.NotAllowed: return Forbid();
            case OwnCircleDesk.Refusal.NoSuchCircle: return NotFound();
            case OwnCircleDesk.Refusal.Invalid:
                CircleId = circleId;
                await Load(user);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case OwnCircleDesk.Refusal.NoAccount:
                Message = Texts.T("Er kon geen gebruikersnaam worden gemaakt. Probeer het nog eens.");
                return RedirectToPage(new { kring = circleId });
        }
        var member = outcome.Member!;
        Message = outcome.Account is null
            ? Texts.T("{0} hoorde al bij de eigen kring.", member.Name)
            : Texts.T("We hebben {0} een uitnodiging gemaild, met een eenmalige code. Gebruikersnaam: {1}.", member.Name, member.UserName);
        return RedirectToPage(new { kring = circleId });
    }

    /// <summary>The carer (or the consultant) says what one member sees of the circle.</summary>
    public async Task<IActionResult> OnPostSight(string? memberId, string? sees)
    {
        var user = KringUser.Current(HttpContext);
        var circleId = user.Role == Role.Carer ? user.CircleId ?? "" : CircleId?.Trim() ?? "";
        var refusal = await OwnCircleDesk.SetSight(grains, user, circleId, memberId ?? "", sees);
        if (refusal == OwnCircleDesk.Refusal.NotAllowed) return Forbid();
        if (refusal is OwnCircleDesk.Refusal.NoSuchCircle) return NotFound();
        Message = refusal == OwnCircleDesk.Refusal.None ? Texts.T("Opgeslagen.") : Texts.T("Deze persoon hoort niet bij de eigen kring.");
        return RedirectToPage(new { kring = circleId });
    }

    /// <summary>The carer (or the consultant) takes a member out of the circle.</summary>
    public async Task<IActionResult> OnPostRemove(string? memberId)
    {
        var user = KringUser.Current(HttpContext);
        var circleId = user.Role == Role.Carer ? user.CircleId ?? "" : CircleId?.Trim() ?? "";
        var name = (await grains.GetGrain<ICarerCircleGrain>(circleId).Get())?.Members?.FirstOrDefault(m => m.Id == memberId)?.Name;
        var refusal = await OwnCircleDesk.Remove(grains, stamps, security, HttpContext, user, circleId, memberId ?? "");
        if (refusal == OwnCircleDesk.Refusal.NotAllowed) return Forbid();
        if (refusal is OwnCircleDesk.Refusal.NoSuchCircle) return NotFound();
        Message = refusal == OwnCircleDesk.Refusal.None
            ? Texts.T("{0} hoort niet meer bij de eigen kring.", name ?? "")
            : Texts.T("Deze persoon hoort niet bij de eigen kring.");
        return RedirectToPage(new { kring = circleId });
    }

    /// <summary>The consultant links a professional; they see nothing until the carer consents.</summary>
    public async Task<IActionResult> OnPostLink(string? professional)
    {
        var user = KringUser.Current(HttpContext);
        var (refusal, link) = await ProfessionalDesk.Link(grains, log, HttpContext, user, CircleId?.Trim() ?? "", professional);
        Message = refusal switch
        {
            ProfessionalDesk.Refusal.None => Texts.T("{0} is gekoppeld. De mantelzorger geeft nu toestemming, of niet.", link!.Name),
            ProfessionalDesk.Refusal.NoSuchProfessional => Texts.T("Er is geen zorgprofessional met deze gebruikersnaam."),
            _ => null,
        };
        return refusal is ProfessionalDesk.Refusal.NotAllowed or ProfessionalDesk.Refusal.NoSuchCircle
            ? NotFound()
            : RedirectToPage(new { kring = CircleId });
    }

    /// <summary>The carer says whether the village's key figures may see them.</summary>
    public async Task<IActionResult> OnPostKeyFigures(bool visible)
    {
        var user = KringUser.Current(HttpContext);
        if (user.Role != Role.Carer || user.CircleId is not { } circleId) return Forbid();
        await grains.GetGrain<ICarerCircleGrain>(circleId).SetVisibleToKeyFigures(visible);
        Message = visible
            ? Texts.T("De sleutelfiguren van uw dorp zien u nu.")
            : Texts.T("De sleutelfiguren van uw dorp zien u niet meer.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostConsent(string? professional)
    {
        var user = KringUser.Current(HttpContext);
        var refusal = await ProfessionalDesk.Consent(grains, log, HttpContext, user, user.CircleId ?? "", professional ?? "");
        if (refusal == ProfessionalDesk.Refusal.NotAllowed) return Forbid();
        Message = refusal == ProfessionalDesk.Refusal.None
            ? Texts.T("U gaf toestemming. U kunt die altijd weer intrekken.")
            : Texts.T("Deze zorgprofessional is niet aan de kring gekoppeld.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnlink(string? professional)
    {
        var user = KringUser.Current(HttpContext);
        var circleId = user.Role == Role.Carer ? user.CircleId ?? "" : CircleId?.Trim() ?? "";
        var refusal = await ProfessionalDesk.Unlink(grains, log, HttpContext, user, circleId, professional ?? "");
        if (refusal == ProfessionalDesk.Refusal.NotAllowed) return Forbid();
        Message = refusal == ProfessionalDesk.Refusal.None
            ? Texts.T("De zorgprofessional is ontkoppeld en ziet de kring niet meer.")
            : Texts.T("Deze zorgprofessional is niet aan de kring gekoppeld.");
        return RedirectToPage(new { kring = circleId });
    }

    private async Task<bool> Load(KringUser user)
    {
        if (CircleId is null || !user.CanSeeOwnCircle(CircleId)) return false;
        Circle = await grains.GetGrain<ICarerCircleGrain>(CircleId).Get();
        if (Circle is null) return false;
        await log.Record(HttpContext, CircleId, AccessKind.CircleViewed);
        Calendar = OwnCircleDesk.Calendar(Circle, DateTimeOffset.UtcNow);
        return true;
    }
}
