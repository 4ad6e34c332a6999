namespace Kring;

/// <summary>
/// A part of the day as a weekly slot in Europe/Amsterdam wall-clock time: its machine name (morning), what the pages
/// call it (ochtend, also the key of its translations), and its hours.
/// </summary>
public sealed record DayPart(string Code, string Dutch, TimeOnly From, TimeOnly To);

/// <summary>
/// The parts of the day a volunteer ticks on the availability page, and the demo population's volunteers have: one
/// definition, so the demo's availability shows on the grid.
/// </summary>
public static class DayParts
{
    public static readonly IReadOnlyList<DayPart> All =
    [
        new("morning", "ochtend", new(9, 0), new(12, 0)),
        new("afternoon", "middag", new(13, 0), new(17, 0)),
        new("evening", "avond", new(18, 0), new(21, 0)),
    ];

    /// <summary>The part that runs exactly from <paramref name="from"/> to <paramref name="to"/>, or null.</summary>
    public static DayPart? Exactly(TimeOnly from, TimeOnly to) => All.FirstOrDefault(p => p.From == from && p.To == to);
}
