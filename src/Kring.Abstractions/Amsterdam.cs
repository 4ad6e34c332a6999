namespace Kring;

/// <summary>Kring's users live on Europe/Amsterdam time: dates, days and local hours are read in that zone.</summary>
public static class Amsterdam
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateTimeOffset ToLocal(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Zone);

    /// <summary>A local date and time in Amsterdam as an absolute time.</summary>
    public static DateTimeOffset FromLocal(DateTime local) => new(local, Zone.GetUtcOffset(local));

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow()).DateTime);
}
