using Kring.Matching;

namespace Kring.Benchmarks.Instances;

/// <summary>
/// Synthetic instances for one week (Monday 1 March 2027, Amsterdam time), deterministic per seed. Villages are
/// spread over a square around Stein whose area grows with the number of volunteers (about 15 km² and 200
/// volunteers per village), and a few large villages draw most people. With fewer <c>days</c> the same people and
/// requests are squeezed into the first days of the week, which makes small instances contended.
/// </summary>
public static class InstanceGenerator
{
    public static readonly DateTime WeekStart = new(2027, 3, 1);

    private static readonly GeoPoint Centre = new(50.969, 5.766);
    private static readonly (string Code, double Weight)[] Kinds =
        [("buddy", 25), ("respite", 20), ("transport", 20), ("shopping", 15), ("company", 15), ("chores", 5)];
    private static readonly (string Code, double Share)[] Skills =
        [("dementia", .30), ("mobility", .25), ("wheelchair", .12), ("first-aid", .20), ("driving", .35), ("sign-language", .03),
            ("palliative", .05)];
    private static readonly (string Code, double Share)[] Needs =
        [("dementia", .15), ("mobility", .12), ("wheelchair", .06), ("first-aid", .04), ("sign-language", .01), ("palliative", .02)];
    private static readonly double[] Reach = [2, 3, 5, 5, 8, 10, 15];
    private static readonly double[] WeeklyHours = [3, 4, 6, 8, 10, 12];
    private static readonly double[] DayWeights = [2, 4, 6, 8, 10, 11, 12]; // running totals: weekdays twice as busy

    public static InstanceFile Generate(int seed, int volunteerCount, int requestCount, int days = 7)
    {
        if (days is < 1 or > 7) throw new ArgumentOutOfRangeException(nameof(days), "days must be 1 to 7.");
        var random = new Random(seed);
        var villages = MakeVillages(random, Math.Clamp(volunteerCount / 200, 6, 3000));
        var popularity = new double[villages.Count];
        for (var i = 0; i < villages.Count; i++) popularity[i] = (i == 0 ? 0 : popularity[i - 1]) + 1 / Math.Pow(i + 1, 0.7);

        var volunteers = new List<VolunteerDto>(volunteerCount);
        for (var i = 0; i < volunteerCount; i++)
        {
            volunteers.Add(new VolunteerDto(
                Id: $"v{i + 1}",
                Village: villages[Pick(random, popularity)].Id,
                MaxKm: Reach[random.Next(Reach.Length)],
                Kinds: PickKinds(random),
                Skills: Skills.Where(s => random.NextDouble() < s.Share).Select(s => s.Code).ToList(),
                MaxHoursPerWeek: random.NextDouble() < .25 ? null : WeeklyHours[random.Next(WeeklyHours.Length)],
                Slots: MakeSlots(random, days)));
        }

        var circles = Enumerable.Range(0, Math.Max(1, requestCount / 4)).Select(_ => villages[Pick(random, popularity)].Id).ToArray();
        var requests = new List<RequestDto>(requestCount);
        for (var i = 0; i < requestCount; i++)
        {
            var circle = random.Next(circles.Length);
            var kind = Kinds[Pick(random, Cumulative(Kinds.Select(k => k.Weight)))].Code;
            var needs = Needs.Where(n => random.NextDouble() < n.Share).Select(n => n.Code).ToList();
            if (kind == "transport" && random.NextDouble() < .8) needs.Add("driving");
            // Starts on the quarter hour from 8:00, 1–3 hours, done by 22:00.
            var day = Pick(random, DayWeights[..days]);
            var start = 8 + random.Next(49) / 4.0;
            var end = Math.Min(22, start + 1 + random.Next(5) / 2.0);
            requests.Add(new RequestDto($"r{i + 1}", $"c{circle + 1}", circles[circle], kind, needs.Count == 0 ? null : needs,
                Local(day, start), Local(day, end), random.NextDouble() < .8 ? null : random.NextDouble() < .75 ? 1 : 2));
        }
        return new InstanceFile(villages, volunteers, requests);
    }

    private static List<VillageDto> MakeVillages(Random random, int count)
    {
        var sideKm = Math.Sqrt(count * 15.0);
        const double kmPerDegree = 6371.0 * Math.PI / 180;
        var lonScale = kmPerDegree * Math.Cos(Centre.Lat * Math.PI / 180);
        return Enumerable.Range(1, count).Select(i => new VillageDto(
            $"village-{i}",
            Math.Round(Centre.Lat + (random.NextDouble() - .5) * sideKm / kmPerDegree, 5),
            Math.Round(Centre.Lon + (random.NextDouble() - .5) * sideKm / lonScale, 5))).ToList();
    }

    private static List<string> PickKinds(Random random)
    {
        var count = 1 + (random.NextDouble() < .5 ? 1 : 0) + (random.NextDouble() < .2 ? 1 : 0);
        var kinds = new List<string>();
        var weights = Cumulative(Kinds.Select(k => k.Weight));
        while (kinds.Count < count)
        {
            var kind = Kinds[Pick(random, weights)].Code;
            if (!kinds.Contains(kind)) kinds.Add(kind);
        }
        return kinds;
    }

    /// <summary>One to four slots on different days, starting 8:00–18:00 on the half hour, 2–5 hours, done by 22:00.</summary>
    private static List<SlotDto> MakeSlots(Random random, int dayCount)
    {
        var count = Math.Min(dayCount, 1 + Pick(random, [.25, .60, .85, 1]));
        var days = Enumerable.Range(0, dayCount).OrderBy(_ => random.Next()).Take(count).Order();
        return days.Select(day =>
        {
            var start = 8 + random.Next(21) / 2.0;
            return new SlotDto(Local(day, start), Local(day, Math.Min(22, start + 2 + random.Next(7) / 2.0)));
        }).ToList();
    }

    private static DateTimeOffset Local(int day, double hour)
    {
        var local = WeekStart.AddDays(day).AddHours(hour);
        return new DateTimeOffset(local, Availability.Amsterdam.GetUtcOffset(local));
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0.0;
        return weights.Select(w => sum += w).ToArray();
    }

    /// <summary>An index drawn with the weights whose running totals are <paramref name="cumulative"/>.</summary>
    private static int Pick(Random random, double[] cumulative)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }
}
