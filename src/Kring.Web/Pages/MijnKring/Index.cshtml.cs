using Kring.Web.Api;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.MijnKring;

/// <summary>
/// One of the carer's own people: what the carer asks of the circle, taken with one tap; the circle's calendar; and when
/// they can usually help.
/// </summary>
[Authorize(Policy = AuthSetup.Policies.Member)]
public sealed class IndexModel(IGrainFactory grains, Privacy.AccessLog log) : PageModel
{
    public string CarerFirstName { get; private set; } = "";
    /// <summary>Requests still without a helper, from now on.</summary>
    public IReadOnlyList<HelpRequestView> Asked { get; private set; } = [];
    public IReadOnlyList<OwnCircleDesk.CalendarEntry> Calendar { get; private set; } = [];
    [BindProperty] public string? UsualTimes { get; set; }
    [TempData] public string? Message { get; set; }
    [TempData] public bool MessageIsError { get; set; }

    public async Task<IActionResult> OnGet() => await Load() ? Page() : NotFound();

    public async Task<IActionResult> OnPostTake(string? requestId)
    {
        var user = KringUser.Current(HttpContext);
        var (refusal, reply, request) = await OwnCircleDesk.Take(grains, user, user.CircleId!, requestId ?? "");
        if (refusal != OwnCircleDesk.Refusal.None || reply is not { } r) return NotFound();
        var done = r is OfferReply.Accepted or OfferReply.AlreadyAccepted;
        Message = done
            ? Texts.T("Dank u! U staat in de agenda voor {0}.", Format.When(request!.Start, request.End))
            : Texts.T(OwnCircleApi.Explain(r));
        MessageIsError = !done;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUsualTimes()
    {
        var user = KringUser.Current(HttpContext);
        if (UsualTimes is { Length: > CircleMember.MaxUsualTimesLength })
        {
            Message = Texts.T("Dat is te lang: hooguit {0} tekens.", CircleMember.MaxUsualTimesLength);
            MessageIsError = true;
            return RedirectToPage();
        }
        await grains.GetGrain<ICarerCircleGrain>(user.CircleId!).SetUsualTimes(user.VolunteerId!, UsualTimes);
        Message = Texts.T("Opgeslagen: de kring ziet wanneer u meestal kunt.");
        MessageIsError = false;
        return RedirectToPage();
    }

    private async Task<bool> Load()
    {
        var user = KringUser.Current(HttpContext);
        if (await OwnCircleDesk.ForMember(grains, user) is not { } circle) return false;
        await log.Record(HttpContext, circle.Profile.Id, AccessKind.CircleViewed);
        var now = DateTimeOffset.UtcNow;
        CarerFirstName = circle.Profile.CarerName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        Asked = circle.Requests.Where(r => r.Start > now && r.Status is RequestStatus.Open or RequestStatus.Offered)
            .OrderBy(r => r.Start).ToList();
        Calendar = OwnCircleDesk.Calendar(circle, now);
        UsualTimes = circle.Members?.FirstOrDefault(m => m.Id == user.VolunteerId)?.UsualTimes;
        return true;
    }
}
