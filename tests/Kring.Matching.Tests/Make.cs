namespace Kring.Matching.Tests;

/// <summary>Builders for volunteers, needs and Amsterdam wall-clock times.</summary>
internal static class Make
{
    public static readonly GeoPoint Stein = new(50.969, 5.766);
    public static readonly GeoPoint Elsloo = new(50.949, 5.781);

    /// <summary>A moment in Amsterdam wall-clock time with the offset in force then.</summary>
    public static DateTimeOffset At(int year, int month, int day, double hour)
    {
        var local = new DateTime(year, month, day).AddHours(hour);
        return new DateTimeOffset(local, Availability.Amsterdam.GetUtcOffset(local));
    }

    /// <summary>A window on a day of March 2027 (Monday the 1st) in Amsterdam time.</summary>
    public static TimeWindow March(int day, double from, double to) => new(At(2027, 3, day, from), At(2027, 3, day, to));

    public static VolunteerCandidate Volunteer(string id = "v1", GeoPoint? home = null, double maxKm = 5, string kinds = "respite,buddy",
        string skills = "dementia", Availability? availability = null, IReadOnlyList<TimeWindow>? commitments = null,
        double maxHoursPerWeek = double.PositiveInfinity) => new()
        {
            Id = id,
            Home = home ?? Stein,
            MaxKm = maxKm,
            Kinds = Codes(kinds),
            Skills = Codes(skills),
            Availability = availability ?? new Availability { Slots = [March(1, 9, 12)] },
            Commitments = commitments ?? [],
            MaxHoursPerWeek = maxHoursPerWeek,
        };

    public static HelpNeed Need(string id = "r1", GeoPoint? at = null, string kind = "respite", string needs = "dementia",
        TimeWindow? window = null, IReadOnlyList<string>? previous = null) => new()
        {
            Id = id,
            CircleId = "c1",
            Location = at ?? Elsloo,
            Kind = kind,
            Needs = Codes(needs),
            Window = window ?? March(1, 10, 11.5),
            PreviousVolunteers = previous ?? [],
        };

    public static HashSet<string> Codes(string csv) => csv.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
}
