namespace Kring.Matching;

/// <summary>A recurring weekly slot in local wall-clock time, for example Tuesday 14:00–17:00.</summary>
public readonly record struct WeeklySlot(DayOfWeek Day, TimeOnly From, TimeOnly To)
{
    public bool IsValid => To > From;

    /// <summary>True when the whole window falls inside this slot on the window's local day.</summary>
    public bool Covers(TimeWindow window, TimeZoneInfo zone)
    {
        var start = TimeZoneInfo.ConvertTime(window.Start, zone);
        var end = TimeZoneInfo.ConvertTime(window.End, zone);
        var endsAtMidnight = end.Date == start.Date.AddDays(1) && end.TimeOfDay == TimeSpan.Zero;
        if (start.DayOfWeek != Day || (end.Date != start.Date && !endsAtMidnight))
        {
            return false;
        }
        var endTime = endsAtMidnight ? TimeOnly.MaxValue : TimeOnly.FromTimeSpan(end.TimeOfDay);
        return From <= TimeOnly.FromTimeSpan(start.TimeOfDay) && endTime <= To;
    }
}
