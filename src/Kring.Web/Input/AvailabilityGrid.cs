namespace Kring.Web.Input;

/// <summary>
/// The availability page's grid: a cell is a weekday and a part of the day (monday-morning), and each ticked cell is one
/// weekly slot with that part's hours. Adjacent parts stay separate slots.
/// </summary>
public static class AvailabilityGrid
{
    private static readonly IReadOnlyList<(DayOfWeek Day, DayPart Part)> All =
        Days.Week.SelectMany(day => DayParts.All.Select(part => (Day: day, Part: part))).ToList();

    /// <summary>The cell's value in the form, such as monday-morning.</summary>
    public static string Cell(DayOfWeek day, DayPart part) => $"{Days.Code(day)}-{part.Code}";

    /// <summary>
    /// The weekly slots of the ticked cells, in week order, or null with an error in Dutch when a cell is not on the grid.
    /// </summary>
    public static IReadOnlyList<WeeklySlotDto>? Slots(IEnumerable<string?> cells, FieldErrors errors)
    {
        var ticked = cells.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var known = All.Select(c => Cell(c.Day, c.Part)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!ticked.IsSubsetOf(known))
        {
            errors.Add("cells", "Kies een dag en een dagdeel uit het rooster.");
            return null;
        }
        return All.Where(c => ticked.Contains(Cell(c.Day, c.Part))).Select(c => new WeeklySlotDto(c.Day, c.Part.From, c.Part.To)).ToList();
    }

    /// <summary>The cells that stand for these weekly slots, or null when a slot is not exactly one part of the day.</summary>
    public static IReadOnlySet<string>? Cells(IEnumerable<WeeklySlotDto> weekly)
    {
        var cells = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slot in weekly)
        {
            if (DayParts.Exactly(slot.From, slot.To) is not { } part) return null;
            cells.Add(Cell(slot.Day, part));
        }
        return cells;
    }
}
