using Kring.Web.Api;
using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Coordinatie;

/// <summary>
/// A partner coordinator's desk: the queue of requests nobody could take, booking one of the partner's own volunteers by
/// hand, taking a volunteer off again, always with a reason for the request's history.
/// </summary>
[Authorize(Policy = AuthSetup.Policies.Coordinator)]
public sealed class IndexModel(IGrainFactory grains, Privacy.AccessLog log) : PageModel
{
    public sealed record Helper(VolunteerProfile Profile, AvailabilityDto Availability);
    public sealed record Booking(Helper Volunteer, Assignment Assignment);

    private Dictionary<string, string> _villages = new();

    public PartnerInfo? Partner { get; private set; }
    public IReadOnlyList<EscalatedRequest> Queue { get; private set; } = [];
    public IReadOnlyList<Helper> Volunteers { get; private set; } = [];
    public IReadOnlyList<Booking> Bookings { get; private set; } = [];
    /// <summary>Volunteers who signed up themselves and wait on <c>/Coordinatie/Aanmeldingen</c>.</summary>
    public int WaitingApplications { get; private set; }
    [TempData] public string? Message { get; set; }
    [TempData] public bool MessageIsError { get; set; }
    public FieldErrors Errors { get; } = new();

    public string VillageName(string id) => _villages.GetValueOrDefault(id, id);

    /// <summary>"Anna (Elsloo, pauze)": a candidate as the volunteer list shows them.</summary>
    public string CandidateName(Helper v) =>
        $"{v.Profile.DisplayName} ({VillageName(v.Profile.HomeVillage)}{(v.Availability.Paused ? ", " + Texts.T("pauze") : "")})";

    /// <summary>The partner's volunteers who give this kind of help, those from the request's own village first.</summary>
    public IEnumerable<Helper> CandidatesFor(RequestSummary request) => Volunteers
        .Where(v => v.Profile.Kinds.Contains(request.Kind))
        .OrderBy(v => v.Profile.HomeVillage != request.Village)
        .ThenBy(v => v.Profile.DisplayName, StringComparer.CurrentCulture);

    public static string When(AvailabilityDto a) =>
        a.Paused ? Texts.T("pauze")
        : a.Weekly.Count == 0 ? Texts.T("geen vaste tijden")
        : string.Join(", ", a.Weekly.Select(s => $"{Format.Day(s.Day)} {Format.Time(s.From)}–{Format.Time(s.To)}"));

    public async Task<IActionResult> OnGet()
    {
        await Load();
        return Partner is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAssign(string? circleId, string? requestId, string? volunteerId, string? reason)
    {
        var user = KringUser.From(User)!;
        var why = Reason(reason);
        if (string.IsNullOrWhiteSpace(volunteerId)) Errors.Add("volunteerId", "Kies een vrijwilliger.");
        if (Errors.Any) return await Refused();
        var outcome = await CoordinatorDesk.Assign(grains, user, circleId ?? "", requestId ?? "", volunteerId!, why!);
        switch (outcome.Refusal)
        {
            case CoordinatorDesk.Refusal.NotOurVolunteer or CoordinatorDesk.Refusal.NotOurRequest: return Forbid();
            case CoordinatorDesk.Refusal.NoSuchRequest:
                Errors.Add("requestId", CoordinatorDesk.Explain(outcome.Refusal));
                return await Refused();
        }
        var (request, reply) = (outcome.Request!, outcome.Reply!.Value);
        var name = (await grains.GetGrain<IVolunteerGrain>(volunteerId!).GetProfile())?.DisplayName ?? volunteerId;
        MessageIsError = reply is not (OfferReply.Accepted or OfferReply.AlreadyAccepted);
        Message = MessageIsError
            ? Texts.T(Problems.Explain(reply))
            : Texts.T("{0} is gekoppeld aan de hulpvraag van {1}.", name, Format.When(request.Start, request.End));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnassign(string? circleId, string? requestId, string? reason)
    {
        var user = KringUser.From(User)!;
        var why = Reason(reason);
        if (Errors.Any) return await Refused();
        var request = await grains.GetGrain<ICarerCircleGrain>(circleId ?? "").GetRequest(requestId ?? "");
        if (request?.VolunteerId is not { } volunteerId)
        {
            Errors.Add("requestId", "Deze hulpvraag heeft geen gekoppelde vrijwilliger.");
            return await Refused();
        }
        if (!(await PartnerGrain(user).GetVolunteers()).Contains(volunteerId)) return Forbid();
        var reply = await grains.GetGrain<IVolunteerGrain>(volunteerId).UnassignByCoordinator(request.Id, user.UserName, why!);
        MessageIsError = reply != OfferReply.Unassigned;
        Message = MessageIsError
            ? Texts.T(Problems.Explain(reply))
            : Texts.T("De vrijwilliger is ontkoppeld; de hulpvraag van {0} staat weer open.", Format.When(request.Start, request.End));
        return RedirectToPage();
    }

    private async Task<IActionResult> Refused()
    {
        await Load();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private string? Reason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) Errors.Add("reason", "Geef een reden op; die komt in de geschiedenis van de hulpvraag.");
        else if (reason.Length > 500) Errors.Add("reason", "De reden is te lang (hooguit 500 tekens).");
        return reason?.Trim();
    }

    private IPartnerGrain PartnerGrain(KringUser user) => grains.GetGrain<IPartnerGrain>(user.PartnerId!);

    private async Task Load()
    {
        var partner = PartnerGrain(KringUser.From(User)!);
        Partner = await partner.GetInfo();
        if (Partner is null) return;
        Queue = (await partner.GetQueue()).OrderBy(q => q.Request.Start).ToList();
        WaitingApplications = (await partner.GetApplications()).Count;
        await log.Record(HttpContext, Queue.Select(q => q.Request.CircleId), AccessKind.Listed);
        var ids = await partner.GetVolunteers();
        var helpers = await Task.WhenAll(ids.Select(async id =>
        {
            var grain = grains.GetGrain<IVolunteerGrain>(id);
            return await grain.GetProfile() is { } profile ? new Helper(profile, await grain.GetAvailability()) : null;
        }));
        Volunteers = helpers.OfType<Helper>().OrderBy(h => h.Profile.DisplayName, StringComparer.CurrentCulture).ToList();
        var now = TimeProvider.System.GetUtcNow();
        var bookings = await Task.WhenAll(Volunteers.Select(async v =>
            (await grains.GetGrain<IVolunteerGrain>(v.Profile.Id).GetAssignments()).Where(a => a.End >= now)
                .Select(a => new Booking(v, a))));
        Bookings = bookings.SelectMany(b => b).OrderBy(b => b.Assignment.Start).ToList();
        _villages = (await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages()).ToDictionary(v => v.Id, v => v.Name);
    }
}
