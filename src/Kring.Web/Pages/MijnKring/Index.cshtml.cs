using Kring.Web.Api;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.MijnKring;

/// <summary>
/// One of the carer's own people: what the carer asks of the circle, taken with one tap; the circle's calendar; and when
/// they can usually help.
/// </summary>
[Authorize(Policy = AuthSetup.Policies.Member)]
public sealed class IndexModel(IGrainFactory grains, Privacy.AccessLog log, SessionStamps stamps, SecurityLog security) : PageModel
{
    public string CarerFirstName { get; private set; } = "";
    /// <summary>Requests still without a helper, from now on.</summary>
    public IReadOnlyList<HelpRequestView> Asked { get; private set; } = [];
    public IReadOnlyList<OwnCircleDesk.CalendarEntry> Calendar { get; private set; } = [];
    /// <summary>The member's own bookings: still to come (to give back) and ended (to report done).</summary>
    public IReadOnlyList<Assignment> Upcoming { get; private set; } = [];
    public IReadOnlyList<Assignment> Past { get; private set; } = [];
    public MemberSight Sight { get; private set; }
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

    /// <summary>"Kan toch niet": the booking goes back to the circle, which asks the others and then volunteers.</summary>
    public async Task<IActionResult> OnPostWithdraw(string? requestId, string? reason) =>
        Show(await BookingDesk.GiveBack(Schedule, requestId, reason));

    /// <summary>"Gedaan": after the end the member reports the hours given, or that it did not take place.</summary>
    public async Task<IActionResult> OnPostComplete(string? requestId, string? hours, bool happened = true, string? reason = null) =>
        Show(await BookingDesk.ReportDone(Schedule, requestId, hours, happened, reason));

    /// <summary>The member leaves the circle: bookings still to come open again, the account ends, and so does this visit.</summary>
    public async Task<IActionResult> OnPostLeave()
    {
        var user = KringUser.Current(HttpContext);
        await OwnCircleDesk.Remove(grains, stamps, security, HttpContext, user, user.CircleId!, user.VolunteerId!);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/");
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
        Calendar = OwnCircleDesk.Calendar(circle, now, user);
        var me = circle.Members?.FirstOrDefault(m => m.Id == user.VolunteerId);
        UsualTimes = me?.UsualTimes;
        Sight = me?.Sight ?? MemberSight.OwnPart;
        var bookings = await Schedule.GetAssignments();
        Upcoming = bookings.Where(a => a.End >= now).OrderBy(a => a.Start).ToList();
        Past = bookings.Where(a => a.End < now).OrderByDescending(a => a.Start).Take(10).ToList();
        return true;
    }

    private IVolunteerGrain Schedule => grains.GetGrain<IVolunteerGrain>(KringUser.Current(HttpContext).VolunteerId!);

    private RedirectToPageResult Show(BookingDesk.Outcome outcome)
    {
        Message = outcome.Message;
        MessageIsError = outcome.IsError;
        return RedirectToPage();
    }
}
