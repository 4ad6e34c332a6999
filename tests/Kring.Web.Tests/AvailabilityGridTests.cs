using Kring.Web.Input;

namespace Kring.Web.Tests;

/// <summary>The availability page's grid: ticked cells to weekly slots, and weekly slots back to ticked cells.</summary>
public sealed class AvailabilityGridTests
{
    private static readonly string[] MondayMorningWednesdayEvening = ["wednesday-evening", "monday-morning"];
    private static readonly string[] SameCellTwice = ["monday-morning", " Monday-Morning ", ""];
    private static readonly string[] OffTheGrid = ["monday-morning", "monday-night"];

    [Fact]
    public void Ticked_cells_are_the_day_parts_hours_in_week_order()
    {
        var errors = new FieldErrors();
        var slots = AvailabilityGrid.Slots(MondayMorningWednesdayEvening, errors);
        Assert.False(errors.Any);
        Assert.Equal("Monday 09:00-12:00, Wednesday 18:00-21:00", Describe(slots!));
    }

    [Fact]
    public void Adjacent_parts_stay_separate_slots_and_a_cell_counts_once()
    {
        var errors = new FieldErrors();
        Assert.Single(AvailabilityGrid.Slots(SameCellTwice, errors)!);
        var day = DayParts.All.Select(p => AvailabilityGrid.Cell(DayOfWeek.Friday, p)).ToList();
        Assert.Equal(3, AvailabilityGrid.Slots(day, errors)!.Count);
        Assert.False(errors.Any);
    }

    [Fact]
    public void A_cell_that_is_not_on_the_grid_is_refused_in_Dutch()
    {
        var errors = new FieldErrors();
        Assert.Null(AvailabilityGrid.Slots(OffTheGrid, errors));
        Assert.Equal("Kies een dag en een dagdeel uit het rooster.", Assert.Single(errors.All).Value.Single());
    }

    [Fact]
    public void Slots_that_are_day_parts_come_back_as_their_cells()
    {
        var errors = new FieldErrors();
        var slots = AvailabilityGrid.Slots(MondayMorningWednesdayEvening, errors)!;
        var cells = AvailabilityGrid.Cells(slots)!;
        Assert.Equal("monday-morning, wednesday-evening", string.Join(", ", cells.Order(StringComparer.Ordinal)));
        Assert.Empty(AvailabilityGrid.Cells([])!);
    }

    [Fact]
    public void Slots_with_other_times_do_not_fit_the_grid()
    {
        var monday = new WeeklySlotDto(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(12, 0));
        var nineToFive = monday with { To = new TimeOnly(17, 0) };
        var halfPastNine = monday with { Day = DayOfWeek.Tuesday, From = new TimeOnly(9, 30) };
        Assert.NotNull(AvailabilityGrid.Cells([monday]));
        Assert.Null(AvailabilityGrid.Cells([nineToFive]));
        Assert.Null(AvailabilityGrid.Cells([monday, halfPastNine]));
    }

    [Fact]
    public void The_parts_are_the_demo_populations_morning_afternoon_and_evening()
    {
        Assert.Equal(
            "ochtend 09:00-12:00, middag 13:00-17:00, avond 18:00-21:00",
            string.Join(", ", DayParts.All.Select(p => $"{p.Dutch} {Clock(p.From)}-{Clock(p.To)}")));
    }

    private static string Describe(IEnumerable<WeeklySlotDto> slots) =>
        string.Join(", ", slots.Select(s => $"{s.Day} {Clock(s.From)}-{Clock(s.To)}"));

    private static string Clock(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
