namespace Kring.Matching.Tests;

/// <summary>
/// Small random instances that exercise every rule: a few square kilometres, reaches from 0.5 km to unlimited,
/// concrete and weekly slots, hour limits, commitments, days off and pauses, over days that span the DST change
/// of 28 March 2027 (fewer <c>days</c> crowd the same people and needs together). Deterministic per seed.
/// </summary>
internal sealed record RandomInstance(List<VolunteerCandidate> Volunteers, List<HelpNeed> Needs)
{
    private static readonly string[] Kinds = ["buddy", "respite", "transport"];
    private static readonly string[] Skills = ["dementia", "mobility", "wheelchair"];
    private static readonly double[] Reach = [0.5, 1, 2, 3, 5, 9, 40, double.PositiveInfinity];
    private static readonly int[] Days = [26, 27, 28, 29]; // Friday to Monday around the clock change

    public static RandomInstance Create(int seed, int volunteers, int needs, double areaKm = 4, int days = 4)
    {
        var random = new Random(seed);
        GeoPoint Place() =>
            new(Make.Stein.Lat + (random.NextDouble() - .5) * areaKm / 111, Make.Stein.Lon + (random.NextDouble() - .5) * areaKm / 70);
        string Some(string[] codes, double share) => string.Join(',', codes.Where(_ => random.NextDouble() < share));
        TimeWindow Window(double minHours, double maxHours)
        {
            var from = 8 + random.Next(24) / 2.0;
            return Make.March(Days[random.Next(days)], from, from + minHours + random.Next((int)((maxHours - minHours) * 2) + 1) / 2.0);
        }

        var people = Enumerable.Range(1, volunteers).Select(i =>
        {
            var weekly = random.NextDouble() < .4
                ? new[] { new WeeklySlot((DayOfWeek)random.Next(7), new TimeOnly(8 + random.Next(6), 0),
                    new TimeOnly(15 + random.Next(7), 0)) }
                : [];
            return Make.Volunteer(
                id: $"v{i}",
                home: Place(),
                maxKm: Reach[random.Next(Reach.Length)],
                kinds: Kinds[random.Next(Kinds.Length)] + "," + Some(Kinds, .3),
                skills: Some(Skills, .4),
                availability: new Availability
                {
                    Slots = Enumerable.Range(0, random.Next(4)).Select(_ => Window(3, 8)).ToArray(),
                    Weekly = weekly,
                    DaysOff = random.NextDouble() < .1 ? [new DateOnly(2027, 3, Days[random.Next(days)])] : [],
                    Paused = random.NextDouble() < .05,
                },
                commitments: random.NextDouble() < .2 ? [Window(1, 2)] : [],
                maxHoursPerWeek: random.NextDouble() < .5 ? 2 + random.Next(5) : double.PositiveInfinity);
        }).ToList();

        var requests = Enumerable.Range(1, needs).Select(i => Make.Need(
            id: $"r{i}",
            at: Place(),
            kind: Kinds[random.Next(Kinds.Length)],
            needs: Some(Skills, .15),
            window: Window(1, 3))).ToList();
        return new RandomInstance(people, requests);
    }
}
