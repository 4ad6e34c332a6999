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
        var end = TimeZoneInfo.ConvertTime(window.End, Zone).DateTime;
        // The window is half-open: one ending at midnight does not touch the next day.
        var last = DateOnly.FromDateTime(end.TimeOfDay == TimeSpan.Zero && end > first.ToDateTime(TimeOnly.MinValue)
            ? end.AddTicks(-1) : end);
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
