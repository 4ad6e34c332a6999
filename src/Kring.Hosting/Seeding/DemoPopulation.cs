namespace Kring.Hosting.Seeding;

/// <summary>Generates the fictional demo population. The same seed file always gives the same people.</summary>
public static class DemoPopulation
{
    public static IReadOnlyList<CircleProfile> Circles(DemoSeed seed)
    {
        var random = new Random(seed.Seed);
        var villages = WeightedVillages(seed);
        var circles = new List<CircleProfile>(seed.Circles);
        // Young carers are spread through the list rather than bunched at the start.
        var youngEvery = Math.Max(1, seed.Circles / Math.Max(1, seed.YoungCarers));
        var young = 0;
        for (var i = 1; i <= seed.Circles; i++)
        {
            var isYoung = young < seed.YoungCarers && i % youngEvery == 0;
            if (isYoung) young++;
            var village = villages[random.Next(villages.Count)];
            var surname = Pick(random, seed.Surnames);
            var needs = Enumerable.Range(0, random.Next(0, 3)).Select(_ => Pick(random, seed.CareNeeds)).Distinct().ToList();
            circles.Add(new CircleProfile(
                $"{seed.IdPrefix}c-{i:0000}",
                village,
                $"{Pick(random, seed.FirstNames)} {surname}",
                isYoung ? random.Next(12, 25) : random.Next(25, 90),
                $"{Pick(random, seed.FirstNames)} {surname}",
                Pick(random, seed.Relationships),
                needs,
                $"06-0000{i:0000}",
                $"Verzonnenstraat {i}, {village}"));
        }
        return circles;
    }

    public static IReadOnlyList<(VolunteerProfile Profile, AvailabilityDto Availability)> Volunteers(DemoSeed seed)
    {
        var random = new Random(seed.Seed + 1);
        var villages = WeightedVillages(seed);
        var volunteers = new List<(VolunteerProfile, AvailabilityDto)>(seed.Volunteers);
        for (var i = 1; i <= seed.Volunteers; i++)
        {
            var roll = random.NextDouble();
            HelpKind[] kinds = roll < 0.5 ? [HelpKind.Buddy] : roll < 0.8 ? [HelpKind.Respite] : [HelpKind.Buddy, HelpKind.Respite];
            var partner = kinds.Contains(HelpKind.Respite) ? seed.RespitePartner : seed.BuddyPartner;
            var skills = Enumerable.Range(0, random.Next(0, 4)).Select(_ => Pick(random, seed.CareNeeds)).Distinct().Order().ToList();
            var slots = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ =>
                {
                    var part = DayParts.All[random.Next(DayParts.All.Count)];
                    return new WeeklySlotDto((DayOfWeek)random.Next(0, 7), part.From, part.To);
                })
                .Distinct().ToList();
            var profile = new VolunteerProfile(
                $"{seed.IdPrefix}v-{i:000}",
                $"{Pick(random, seed.FirstNames)} {Pick(random, seed.Surnames)}",
                villages[random.Next(villages.Count)],
                random.Next(2, 9),
                kinds,
                skills,
                random.Next(4, 13),
                partner);
            volunteers.Add((profile, new AvailabilityDto(slots, [], false)));
        }
        return volunteers;
    }

    private static List<string> WeightedVillages(DemoSeed seed) =>
        seed.VillageWeights.OrderBy(w => w.Key, StringComparer.Ordinal).SelectMany(w => Enumerable.Repeat(w.Key, w.Value)).ToList();

    private static string Pick(Random random, List<string> values) => values[random.Next(values.Count)];
}
