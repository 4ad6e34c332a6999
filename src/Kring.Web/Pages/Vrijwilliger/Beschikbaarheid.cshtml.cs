using System.Globalization;
using Kring.Web.Input;
using Kring.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Vrijwilliger;

public sealed class BeschikbaarheidModel(IGrainFactory grains) : PageModel
{
    public const int SlotsPerDay = 2;
    public const int MaxDaysOff = 100;

    public sealed class SlotInput
    {
        public string? Day { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
    }

    public sealed record DayRow(DayOfWeek Day);

    public IReadOnlyList<DayRow> Rows { get; } = Days.Week.Select(d => new DayRow(d)).ToList();
    /// <summary>The exact times, at least <see cref="SlotsPerDay"/> a day, in week order.</summary>
    [BindProperty] public List<SlotInput> Slots { get; set; } = [];
    /// <summary>The ticked cells of the grid, such as monday-morning (see <see cref="AvailabilityGrid"/>).</summary>
    [BindProperty] public List<string> Cells { get; set; } = [];
    public bool Paused { get; private set; }
    /// <summary>The stored times are not all parts of the day: the grid starts empty and the exact times are open.</summary>
    public bool TimesDoNotFit { get; private set; }
    /// <summary>The section with the exact times starts open: their times do not fit the grid, or were refused.</summary>
    public bool ExactTimesOpen { get; private set; }
    /// <summary>The day off being added, kept when it is refused.</summary>
    public string? DayOff { get; private set; }
    /// <summary>Days off from today on; earlier ones no longer matter.</summary>
    public IReadOnlyList<DateOnly> DaysOff { get; private set; } = [];
    public DateOnly Today { get; } = DateOnly.FromDateTime(RequestInput.ToAmsterdam(TimeProvider.System.GetUtcNow()).DateTime);
    public FieldErrors Errors { get; } = new();
    [TempData] public string? Message { get; set; }
    public string? Notice => Message ?? (Saved ? Texts.T("Uw beschikbaarheid is opgeslagen.") : null);
    public bool Saved { get; private set; }

    public async Task OnGet(bool saved = false)
    {
        Saved = saved;
        Show(await Volunteer.GetAvailability());
    }

    /// <summary>Saves the grid: the ticked cells replace the weekly times, exact ones included.</summary>
    public async Task<IActionResult> OnPost()
    {
        var ticked = Cells;
        var volunteer = Volunteer;
        var current = await volunteer.GetAvailability();
        var weekly = AvailabilityGrid.Slots(ticked, Errors);
        if (weekly is null)
        {
            Show(current);
            Cells = ticked;
            return Refused();
        }
        await volunteer.SetAvailability(current with { Weekly = weekly });
        return RedirectToPage(new { saved = true });
    }

    /// <summary>Saves the exact times, which replace the weekly times.</summary>
    public async Task<IActionResult> OnPostExact()
    {
        var typed = Slots;
        var filled = typed.Where(s => !string.IsNullOrWhiteSpace(s.From) || !string.IsNullOrWhiteSpace(s.To))
            .Select(s => (s.Day, s.From, s.To)).ToList();
        var volunteer = Volunteer;
        var current = await volunteer.GetAvailability();
        var availability = AvailabilityInput.Parse(
            filled, current.DaysOff.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(), current.Paused, Errors);
        if (availability is null)
        {
            Show(current);
            Slots = PerDay(typed);
            ExactTimesOpen = true;
            return Refused();
        }
        await volunteer.SetAvailability(availability);
        return RedirectToPage(new { saved = true });
    }

    public async Task<IActionResult> OnPostPause(bool paused)
    {
        var volunteer = Volunteer;
        var current = await volunteer.GetAvailability();
        await volunteer.SetAvailability(current with { Paused = paused });
        return RedirectToPage(new { saved = true });
    }

    /// <summary>The indexes in <see cref="Slots"/> of the day's exact times.</summary>
    public IEnumerable<int> SlotsOf(DayOfWeek day) =>
        Enumerable.Range(0, Slots.Count).Where(i => Days.TryParse(Slots[i].Day, out var d) && d == day);

    /// <summary>A part's hours as the page says them: 9–12, or 9:30–12 when a time is not on the hour.</summary>
    public static string Hours(DayPart part) => $"{Hour(part.From)}–{Hour(part.To)}";

    private static string Hour(TimeOnly time) =>
        time.Minute == 0 ? time.Hour.ToString(CultureInfo.InvariantCulture) : time.ToString("H:mm", CultureInfo.InvariantCulture);

    private void Show(AvailabilityDto availability)
    {
        Paused = availability.Paused;
        var cells = AvailabilityGrid.Cells(availability.Weekly);
        TimesDoNotFit = ExactTimesOpen = cells is null;
        Cells = cells?.ToList() ?? [];
        Slots = PerDay(availability.Weekly.OrderBy(s => s.From).Select(s => new SlotInput
        {
            Day = Days.Code(s.Day),
            From = s.From.ToString("HH:mm", CultureInfo.InvariantCulture),
            To = s.To.ToString("HH:mm", CultureInfo.InvariantCulture),
        }));
        DaysOff = Upcoming(availability.DaysOff);
    }

    /// <summary>The times in week order, with empty ones added so that each day has at least <see cref="SlotsPerDay"/>.</summary>
    private static List<SlotInput> PerDay(IEnumerable<SlotInput> slots)
    {
        var all = slots.ToList();
        return Days.Week.SelectMany(day =>
        {
            var taken = all.Where(s => Days.TryParse(s.Day, out var d) && d == day).ToList();
            while (taken.Count < SlotsPerDay) taken.Add(new SlotInput { Day = Days.Code(day) });
            return taken;
        }).ToList();
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostAddDayOff(string? dayOff)
    {
        var volunteer = Volunteer;
        var current = await volunteer.GetAvailability();
        DateOnly? date = DateOnly.TryParseExact(dayOff?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : null;
        if (date is null) Errors.Add("dayOff", "Vul een geldige datum in.");
        else if (date < Today) Errors.Add("dayOff", "Deze datum ligt in het verleden.");
        else if (date > Today.AddYears(2)) Errors.Add("dayOff", "Geef vrije dagen op tot hooguit twee jaar vooruit.");
        else if (Upcoming(current.DaysOff).Count >= MaxDaysOff)
        {
            Errors.Add("dayOff", "U heeft al het hoogste aantal vrije dagen opgegeven.");
        }
        if (Errors.Any)
        {
            Show(current);
            DayOff = dayOff;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var daysOff = Upcoming(current.DaysOff).Append(date!.Value).Distinct().Order().ToList();
        await volunteer.SetAvailability(current with { DaysOff = daysOff });
        Message = Texts.T("Vrije dag toegevoegd: {0}.", Format.Date(date!.Value));
        return RedirectToPage(pageName: null, pageHandler: null, routeValues: null, fragment: "vrije-dagen");
    }

    public async Task<IActionResult> OnPostRemoveDayOff(string? date)
    {
        var volunteer = Volunteer;
        var current = await volunteer.GetAvailability();
        if (DateOnly.TryParseExact(date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && current.DaysOff.Contains(day))
        {
            await volunteer.SetAvailability(current with { DaysOff = Upcoming(current.DaysOff).Where(d => d != day).ToList() });
            Message = Texts.T("Vrije dag verwijderd: {0}.", Format.Date(day));
        }
        return RedirectToPage(pageName: null, pageHandler: null, routeValues: null, fragment: "vrije-dagen");
    }

    private List<DateOnly> Upcoming(IEnumerable<DateOnly> daysOff) => daysOff.Where(d => d >= Today).Distinct().Order().ToList();

    private IVolunteerGrain Volunteer => grains.GetGrain<IVolunteerGrain>(KringUser.From(User)!.VolunteerId!);
}
