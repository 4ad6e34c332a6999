using Kring.Web.Api;
using Kring.Web.Privacy;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Vrijwilliger;

public sealed class IndexModel(IGrainFactory grains, AccessLog log) : PageModel
{
    /// <summary>An assignment with the carer's contact details, which only the volunteer booked for it gets to see.</summary>
    public sealed record Booked(Assignment Assignment, CircleProfile? Contact);

    private Dictionary<string, string> _villages = new();

    public IReadOnlyList<Offer> Pending { get; private set; } = [];
    public IReadOnlyList<Offer> Closed { get; private set; } = [];
    public IReadOnlyList<Booked> Upcoming { get; private set; } = [];
    public IReadOnlyList<Assignment> Past { get; private set; } = [];
    [TempData] public string? Message { get; set; }
    [TempData] public bool MessageIsError { get; set; }

    public string VillageName(string id) => _villages.GetValueOrDefault(id, id);

    public async Task OnGet()
    {
        var volunteerId = KringUser.From(User)!.VolunteerId!;
        var volunteer = grains.GetGrain<IVolunteerGrain>(volunteerId);
        var offers = await volunteer.GetOffers();
        Pending = offers.Where(o => o.Status == OfferStatus.Pending).ToList();
        Closed =
            offers.Where(o => o.Status is not (OfferStatus.Pending or OfferStatus.Accepted)).OrderByDescending(o => o.Start).Take(10)
                .ToList();
        var now = TimeProvider.System.GetUtcNow();
        var assignments = await volunteer.GetAssignments();
        Past = assignments.Where(a => a.End < now).OrderByDescending(a => a.Start).Take(10).ToList();
        Upcoming = await Task.WhenAll(assignments.Where(a => a.End >= now).OrderBy(a => a.Start)
            .Select(async a => new Booked(a, await Contacts.For(grains, a, volunteerId, now))));
        await log.Record(HttpContext, Upcoming.Select(b => b.Contact?.Id ?? ""), AccessKind.ContactViewed);
        _villages = (await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages()).ToDictionary(v => v.Id, v => v.Name);
    }

    public Task<IActionResult> OnPostAccept(string offerId) => Answer(Volunteer.Accept(offerId ?? ""));

    public Task<IActionResult> OnPostDecline(string offerId) => Answer(Volunteer.Decline(offerId ?? ""));

    /// <summary>"Gedaan": after the end the volunteer reports the hours given, or that it did not take place.</summary>
    public async Task<IActionResult> OnPostComplete(string requestId, string? hours, bool happened = true, string? reason = null) =>
        Show(await BookingDesk.ReportDone(Volunteer, requestId, hours, happened, reason));

    /// <summary>"Kan toch niet": the booking goes back, the carer is told and matching looks again.</summary>
    public async Task<IActionResult> OnPostWithdraw(string requestId, string? reason) =>
        Show(await BookingDesk.GiveBack(Volunteer, requestId, reason));

    private RedirectToPageResult Show(BookingDesk.Outcome outcome)
    {
        Message = outcome.Message;
        MessageIsError = outcome.IsError;
        return RedirectToPage();
    }

    private async Task<IActionResult> Answer(Task<OfferReply> call)
    {
        var reply = await call;
        Message = Texts.T(Problems.Explain(reply));
        MessageIsError =
            reply is not (OfferReply.Accepted or OfferReply.Declined or OfferReply.AlreadyAccepted or OfferReply.AlreadyDeclined);
        return RedirectToPage();
    }

    private IVolunteerGrain Volunteer => grains.GetGrain<IVolunteerGrain>(KringUser.From(User)!.VolunteerId!);
}
