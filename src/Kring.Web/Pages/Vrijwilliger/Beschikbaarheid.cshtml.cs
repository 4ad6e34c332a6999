using Kring.Web.Input;
using Kring.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Vrijwilliger;

public sealed class BeschikbaarheidModel(IGrainFactory grains) : PageModel
{
    public const int SlotsPerDay = 2;

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
    public FieldErrors Errors { get; } = new();
    public bool Saved { get; private set; }

    public async Task OnGet(bool saved = false)
    {
        Saved = saved;
        var availability = await Volunteer.GetAvailability();
        Paused = availability.Paused;
        Slots = Rows.SelectMany(row =>
        {
            var taken = availability.Weekly.Where(s => s.Day == row.Day).Take(SlotsPerDay)
                .Select(s => new SlotInput { Day = Days.Code(s.Day), From = s.From.ToString("HH:mm"), To = s.To.ToString("HH:mm") }).ToList();
            while (taken.Count < SlotsPerDay) taken.Add(new SlotInput { Day = Days.Code(row.Day) });
            return taken;
        }).ToList();
    }

    public async Task<IActionResult> OnPost()
    {
        var filled = Slots.Where(s => !string.IsNullOrWhiteSpace(s.From) || !string.IsNullOrWhiteSpace(s.To))
            .Select(s => (s.Day, s.From, s.To)).ToList();
        var volunteer = Volunteer;
        var current = await volunteer.GetAvailability();
        var availability = AvailabilityInput.Parse(filled, current.DaysOff.Select(d => d.ToString("yyyy-MM-dd")).ToList(), Paused, Errors);
        if (availability is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await volunteer.SetAvailability(availability);
        return RedirectToPage(new { saved = true });
    }

    private IVolunteerGrain Volunteer => grains.GetGrain<IVolunteerGrain>(KringUser.From(User)!.VolunteerId!);
}
