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
    [BindProperty] public List<SlotInput> Slots { get; set; } = [];
    [BindProperty] public bool Paused { get; set; }
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
        var availability = await Volunteer.GetAvailability();
        Paused = availability.Paused;
        Slots = Rows.SelectMany(row =>
        {
            var taken = availability.Weekly.Where(s => s.Day == row.Day).Take(SlotsPerDay)
                .Select(s => new SlotInput
                {
                    Day = Days.Code(s.Day),
                    From = s.From.ToString("HH:mm", CultureInfo.InvariantCulture),
                    To = s.To.ToString("HH:mm", CultureInfo.InvariantCulture),
                })
                .ToList();
            while (taken.Count < SlotsPerDay) taken.Add(new SlotInput { Day = Days.Code(row.Day) });
            return taken;
        }).ToList();
        DaysOff = Upcoming(availability.DaysOff);
    }

    public async Task<IActionResult> OnPost()
    {
        var filled = Slots.Where(s => !string.IsNullOrWhiteSpace(s.From) || !string.IsNullOrWhiteSpace(s.To))
            .Select(s => (s.Day, s.From, s.To)).ToList();
        var volunteer = Volunteer;
        var current = await volunteer.GetAvailability();
        DaysOff = Upcoming(current.DaysOff);
        var availability = AvailabilityInput.Parse(
            filled, current.DaysOff.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(), Paused, Errors);
        if (availability is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await volunteer.SetAvailability(availability);
        return RedirectToPage(new { saved = true });
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
            await OnGet();
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
