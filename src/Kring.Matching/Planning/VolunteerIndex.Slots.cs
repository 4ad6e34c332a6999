namespace Kring.Matching.Planning;

/// <summary>Expanding a volunteer's availability into the slots the index holds.</summary>
public sealed partial class VolunteerIndex
{
    // Weekly slots are expanded to concrete windows via the zone offset; the pad covers any DST shift.
    private static readonly TimeSpan WeeklyPad = TimeSpan.FromHours(3);

    private static void CollectSlots(Availability availability, TimeWindow horizon, List<(int, int)> slots)
    {
        foreach (var slot in availability.Slots) AddClipped(slot, horizon, slots);
        if (availability.Weekly.Count == 0) return;
        var zone = availability.Zone;
        var firstDay = TimeZoneInfo.ConvertTime(horizon.Start, zone).Date.AddDays(-1);
        var lastDay = TimeZoneInfo.ConvertTime(horizon.End, zone).Date;
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            foreach (var weekly in availability.Weekly)
            {
                if (weekly.Day != day.DayOfWeek || !weekly.IsValid) continue;
                var from = day + weekly.From.ToTimeSpan();
                var to = weekly.To == TimeOnly.MaxValue ? day.AddDays(1) : day + weekly.To.ToTimeSpan();
                var window = new TimeWindow(
                    new DateTimeOffset(from - zone.GetUtcOffset(from) - WeeklyPad, TimeSpan.Zero),
                    new DateTimeOffset(to - zone.GetUtcOffset(to) + WeeklyPad, TimeSpan.Zero));
                AddClipped(window, horizon, slots);
            }
        }
    }

    private static void AddClipped(TimeWindow slot, TimeWindow horizon, List<(int, int)> slots)
    {
        var clipped =
            new TimeWindow(slot.Start > horizon.Start ? slot.Start : horizon.Start, slot.End < horizon.End ? slot.End : horizon.End);
        if (clipped.IsValid) slots.Add(Seconds(clipped, horizon));
    }
}
