namespace Kring.Matching;

/// <summary>
/// When a volunteer can help: recurring weekly slots and/or concrete one-off slots, minus days off and pauses.
/// </summary>
public sealed class Availability
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public IReadOnlyList<WeeklySlot> Weekly { get; init; } = [];
    public IReadOnlyList<TimeWindow> Slots { get; init; } = [];
    public IReadOnlyCollection<DateOnly> DaysOff { get; init; } = [];
    public bool Paused { get; init; }
    public TimeZoneInfo Zone { get; init; } = Amsterdam;

    public bool IsOnDayOff(TimeWindow window)
    {
        if (DaysOff.Count == 0) return false;
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(window.Start, Zone).DateTime);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(window.End, Zone).DateTime);
        return DaysOff.Any(d => d >= first && d <= last);
    }

    public bool Covers(TimeWindow window)
    {
        foreach (var slot in Slots)
        {
            if (slot.Contains(window)) return true;
        }
        foreach (var slot in Weekly)
        {
            if (slot.Covers(window, Zone)) return true;
        }
        return false;
    }
}
