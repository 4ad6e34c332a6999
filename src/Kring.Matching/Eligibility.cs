namespace Kring.Matching;

/// <summary>The hard constraints. A volunteer may only be offered a request when <see cref="Check"/> returns None.</summary>
public static class Eligibility
{
    public static Ineligibility Check(VolunteerCandidate volunteer, HelpNeed need)
    {
        if (!need.Window.IsValid) return Ineligibility.InvalidWindow;
        if (!volunteer.Kinds.Contains(need.Kind)) return Ineligibility.WrongKind;
        foreach (var skill in need.Needs)
        {
            if (!volunteer.Skills.Contains(skill)) return Ineligibility.MissingSkills;
        }
        if (volunteer.Availability.Paused) return Ineligibility.Paused;
        if (volunteer.Availability.IsOnDayOff(need.Window)) return Ineligibility.DayOff;
        if (!volunteer.Availability.Covers(need.Window)) return Ineligibility.NotAvailable;
        if (volunteer.Home.DistanceKm(need.Location) > volunteer.MaxKm) return Ineligibility.TooFar;
        foreach (var busy in volunteer.Commitments)
        {
            if (busy.Overlaps(need.Window)) return Ineligibility.Overlap;
        }
        if (ExceedsWeeklyHours(volunteer.Commitments, need.Window, volunteer.MaxHoursPerWeek, volunteer.Availability.Zone))
        {
            return Ineligibility.HoursExceeded;
        }
        return Ineligibility.None;
    }

    /// <summary>Hours already committed in the ISO week of <paramref name="window"/>.</summary>
    public static double HoursInWeek(VolunteerCandidate volunteer, TimeWindow window) =>
        HoursInWeek(volunteer.Commitments, window, volunteer.Availability.Zone);

    /// <summary>
    /// Hours of <paramref name="commitments"/> in the ISO week (in <paramref name="zone"/>) of <paramref name="window"/>.
    /// </summary>
    public static double HoursInWeek(IEnumerable<TimeWindow> commitments, TimeWindow window, TimeZoneInfo zone)
    {
        var week = window.IsoWeek(zone);
        double hours = 0;
        foreach (var busy in commitments)
        {
            if (busy.IsoWeek(zone) == week) hours += busy.Duration.TotalHours;
        }
        return hours;
    }

    /// <summary>Whether taking <paramref name="window"/> on top of <paramref name="commitments"/> exceeds a weekly limit.</summary>
    public static bool ExceedsWeeklyHours(IEnumerable<TimeWindow> commitments, TimeWindow window, double maxHoursPerWeek,
        TimeZoneInfo zone) =>
        HoursInWeek(commitments, window, zone) + window.Duration.TotalHours > maxHoursPerWeek + 1e-9;
}
