using Kring.Web.Api;
using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Dorp;

/// <summary>
/// The village's circle for its contact person (and the consultant): key figures that update live, the requests by
/// status, volunteers who can help this week, young people caring for someone, and carers not heard from for a while.
/// The operator sees only the figures and the requests, without people.
/// </summary>
public sealed class IndexModel(IGrainFactory grains, Privacy.AccessLog log) : PageModel
{
    public static readonly int[] QuietWeekChoices = [4, 8, 12, 26, 52];
    /// <summary>Below this age a carer counts as young, as in the village's overview.</summary>
    public const int YoungAge = 25;

    public sealed record AvailableVolunteer(VolunteerProfile Profile, IReadOnlyList<(DateOnly Date, WeeklySlotDto Slot)> Slots);
    public sealed record QuietCircle(CircleProfile Profile, DateTimeOffset? LastContact);

    public IReadOnlyList<VillageInfo> Villages { get; private set; } = [];
    public VillageMembers? Members { get; private set; }
    public VillageCounts? Counts { get; private set; }
    public bool ShowPeople { get; private set; }
    public bool IsConsultant { get; private set; }
    public IReadOnlyList<RequestSummary> UnmatchedAfterADay { get; private set; } = [];
    public IReadOnlyList<RequestSummary> Open { get; private set; } = [];
    public IReadOnlyList<RequestSummary> Offered { get; private set; } = [];
    public IReadOnlyList<RequestSummary> Matched { get; private set; } = [];
    public IReadOnlyList<RequestSummary> Earlier { get; private set; } = [];
    public IReadOnlyList<VolunteerProfile> Volunteers { get; private set; } = [];
    public IReadOnlyList<AvailableVolunteer> AvailableThisWeek { get; private set; } = [];
    public IReadOnlyList<CircleProfile> Circles { get; private set; } = [];
    public IReadOnlyList<CircleProfile> YoungCarers { get; private set; } = [];
    public IReadOnlyList<QuietCircle> Quiet { get; private set; } = [];
    /// <summary>For a key figure: the carers who agreed to be seen by the village's key figures.</summary>
    public IReadOnlyList<CircleProfile>? Visible { get; private set; }
    public int QuietWeeks { get; private set; } = 12;

    public async Task<IActionResult> OnGet(string? dorp, int? weken)
    {
        var user = KringUser.From(User)!;
        var all = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
        Villages = all.Where(v => user.CanSeeVillage(v.Id)).ToList();
        var id = dorp ?? user.VillageId ?? (Villages.Count > 0 ? Villages[0].Id : null);
        if (id is null) return Page();
        if (!user.CanSeeVillage(id)) return Forbid();
        var village = grains.GetGrain<IVillageGrain>(id);
        if (await village.GetInfo() is null) return NotFound();
        if (weken is { } w && QuietWeekChoices.Contains(w)) QuietWeeks = w;

        var now = TimeProvider.System.GetUtcNow();
        Members = await village.GetMembers();
        Counts = await VillageCounts.Load(grains, id, now);
        var requests = Members.Requests;
        UnmatchedAfterADay = requests
            .Where(r => r.Status is RequestStatus.Open or RequestStatus.Offered && now - r.CreatedAt >= VillageCounts.UnmatchedAfter)
            .OrderBy(r => r.CreatedAt).ToList();
        Open = requests.Where(r => r.Status == RequestStatus.Open).OrderBy(r => r.Start).ToList();
        Offered = requests.Where(r => r.Status == RequestStatus.Offered).OrderBy(r => r.Start).ToList();
        Matched = requests.Where(r => r.Status == RequestStatus.Matched && r.End >= now).OrderBy(r => r.Start).ToList();
        Earlier = requests.Except(Open).Except(Offered).Except(Matched).OrderByDescending(r => r.Start).Take(50).ToList();

        // The operator keeps the cluster running and sees counts; only the contact person and the consultant see people,
        // and a key figure the carers who agreed to it.
        ShowPeople = user.Role is Role.VillageContact or Role.CarerConsultant;
        IsConsultant = user.Role == Role.CarerConsultant;
        if (user.Role == Role.KeyFigure) await LoadVisible();
        if (!ShowPeople) return Page();

        var today = DateOnly.FromDateTime(RequestInput.ToAmsterdam(now).DateTime);
        var volunteers = await Task.WhenAll(Members.Volunteers.Select(async v =>
        {
            var grain = grains.GetGrain<IVolunteerGrain>(v);
            return (Profile: await grain.GetProfile(), Availability: await grain.GetAvailability());
        }));
        Volunteers = volunteers.Select(v => v.Profile).OfType<VolunteerProfile>()
            .OrderBy(p => p.DisplayName, StringComparer.CurrentCulture).ToList();
        AvailableThisWeek = volunteers.Where(v => v.Profile is not null)
            .Select(v => new AvailableVolunteer(v.Profile!, ThisWeek(v.Availability, today)))
            .Where(v => v.Slots.Count > 0)
            .OrderBy(v => v.Slots[0].Date).ThenBy(v => v.Profile.DisplayName, StringComparer.CurrentCulture)
            .ToList();

        Circles = (await Task.WhenAll(Members.Circles.Select(c => grains.GetGrain<ICarerCircleGrain>(c).Get()))).OfType<CircleView>()
            .Select(c => c.Profile).OrderBy(c => c.CarerName, StringComparer.CurrentCulture).ToList();
        YoungCarers = Circles.Where(c => c.CarerAge < YoungAge).ToList();
        // The village remembers when each circle was last heard from: a request or a balance check-in.
        var byId = Circles.ToDictionary(c => c.Id);
        Quiet = (await village.GetQuiet(now.AddDays(-7 * QuietWeeks)))
            .Where(q => byId.ContainsKey(q.CircleId))
            .Select(q => new QuietCircle(byId[q.CircleId], q.LastContact))
            .OrderBy(q => q.LastContact is null).ThenBy(q => q.LastContact).ThenBy(q => q.Profile.CarerName, StringComparer.CurrentCulture)
            .ToList();
        // Every carer of the village is named on the page (the list of all carers).
        await log.Record(HttpContext, Circles.Select(c => c.Id), AccessKind.Listed);
        return Page();
    }

    private async Task LoadVisible()
    {
        Visible = (await Task.WhenAll(Members!.Circles.Select(c => grains.GetGrain<ICarerCircleGrain>(c).Get()))).OfType<CircleView>()
            .Where(c => c.VisibleToKeyFigures).Select(c => c.Profile).OrderBy(c => c.CarerName, StringComparer.CurrentCulture).ToList();
        await log.Record(HttpContext, Visible.Select(c => c.Id), AccessKind.Listed);
    }

    /// <summary>The volunteer's weekly slots on the coming seven days, leaving out days off; none while paused.</summary>
    public static IReadOnlyList<(DateOnly Date, WeeklySlotDto Slot)> ThisWeek(AvailabilityDto availability, DateOnly today)
    {
        if (availability.Paused) return [];
        return Enumerable.Range(0, 7).Select(today.AddDays)
            .Where(d => !availability.DaysOff.Contains(d))
            .SelectMany(d => availability.Weekly.Where(s => s.Day == d.DayOfWeek).OrderBy(s => s.From).Select(s => (d, s)))
            .ToList();
    }

    /// <summary>"woensdag 3/12 09:00–12:00; ..." in the user's language.</summary>
    public static string Slots(AvailableVolunteer v) =>
        string.Join("; ", v.Slots.Select(s =>
            $"{Format.Day(s.Date.DayOfWeek)} {s.Date.Day}/{s.Date.Month} {Format.Time(s.Slot.From)}–{Format.Time(s.Slot.To)}"));

    public string LiveUrl => $"/api/v1/villages/{Uri.EscapeDataString(Members!.Info.Id)}/overview/stream";
    public string ExportUrl => $"/api/v1/villages/{Uri.EscapeDataString(Members!.Info.Id)}/overview.csv";
}
