using System.Globalization;

namespace Kring.Matching;

/// <summary>A half-open interval [Start, End) in absolute time.</summary>
public readonly record struct TimeWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Duration => End - Start;

    public bool IsValid => End > Start;

    public bool Overlaps(TimeWindow other) => Start < other.End && other.Start < End;

    public bool Contains(TimeWindow other) => Start <= other.Start && other.End <= End;

    /// <summary>The ISO week (year * 100 + week) in which the window starts, in the given time zone.</summary>
    public int IsoWeek(TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(Start, zone).DateTime;
        return ISOWeek.GetYear(local) * 100 + ISOWeek.GetWeekOfYear(local);
    }
}
