using Kring.Grains;
using Kring.Hosting.Seeding;
using Kring.Matching;

namespace Kring.Benchmarks.Benchmarks;

/// <summary>
/// The memory per volunteer in a matching shard's in-memory index, built the way <see cref="MatchingGrain"/> builds
/// it: <see cref="EngineMapping.ToCandidate"/> for each volunteer's snapshot, keyed by id in an ordinal dictionary.
/// The volunteers are shaped like the demo population (<see cref="DemoPopulation"/>: 1–3 weekly slots, 0–3 skills),
/// with fresh strings as a deserialised snapshot has; the snapshots are dropped after indexing, as in the grain, so
/// what is measured (GC.GetTotalMemory after full collections) is what the index alone keeps alive.
/// </summary>
public static class IndexMemoryBenchmark
{
    public sealed record Result(int Volunteers, double BytesPerVolunteer, double BytesPerVolunteerWithCommitments);

    public static Result Run(CommandLine options)
    {
        var count = options.Number("index-volunteers", 10_000);
        var municipality = SeedFiles.Municipality();
        var villages = municipality.Villages.ToDictionary(v => v.Id, v => new GeoPoint(v.Lat, v.Lon), StringComparer.Ordinal);
        var seed = SeedFiles.Demo()! with { Volunteers = count };

        Measure(() => Snapshots(seed with { Volunteers = 100 }, commitments: 0), villages); // warm-up: JIT, statics
        var plain = Measure(() => Snapshots(seed, commitments: 0), villages);
        var busy = Measure(() => Snapshots(seed, commitments: 4), villages);
        var result = new Result(count, plain / count, busy / count);

        Console.WriteLine();
        Console.WriteLine($"matching index: {count:N0} demo-shaped volunteers indexed as MatchingGrain does (EngineMapping.ToCandidate, " +
            $"Dictionary by id)");
        Console.WriteLine($"  retained       {result.BytesPerVolunteer,8:N0} B/volunteer  ({plain / 1024.0 / 1024.0:F1} MiB in all), no " +
            $"assignments");
        Console.WriteLine($"  retained       {result.BytesPerVolunteerWithCommitments,8:N0} B/volunteer  ({busy / 1024.0 / 1024.0:F1} " +
            $"MiB in all), 4 upcoming assignments each");
        return result;
    }

    private static long Measure(Func<List<VolunteerSnapshot>> snapshots, IReadOnlyDictionary<string, GeoPoint> villages)
    {
        Settle();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = Build(snapshots, villages);
        Settle();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(index);
        return after - before;
    }

    private static void Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
    }

    // Not inlined, so the snapshots are unreachable once it returns.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static Dictionary<string,
        VolunteerCandidate> Build(Func<List<VolunteerSnapshot>> snapshots, IReadOnlyDictionary<string, GeoPoint> villages)
    {
        var index = new Dictionary<string, VolunteerCandidate>(StringComparer.Ordinal);
        foreach (var snapshot in snapshots()) index[snapshot.Profile.Id] =
            EngineMapping.ToCandidate(snapshot, villages[snapshot.Profile.HomeVillage]);
        return index;
    }

    private static List<VolunteerSnapshot> Snapshots(DemoSeed seed, int commitments)
    {
        var monday = DateTime.UtcNow.Date.AddDays(7 - (int)DateTime.UtcNow.DayOfWeek + 1);
        return DemoPopulation.Volunteers(seed).Select(v =>
        {
            // Fresh strings, as deserialising a snapshot from a grain message gives.
            var profile = v.Profile with
            {
                Id = Fresh(v.Profile.Id),
                HomeVillage = Fresh(v.Profile.HomeVillage),
                Skills = v.Profile.Skills.Select(Fresh).ToList(),
            };
            var assignments = Enumerable.Range(0, commitments).Select(i =>
            {
                var start = new DateTimeOffset(monday.AddDays(i).AddHours(9), TimeSpan.Zero);
                return new Assignment(Fresh($"r-{profile.Id}-{i}"), Fresh("c-0001"), profile.HomeVillage, HelpKind.Buddy, start,
                    start.AddHours(2), Fresh($"o-{i}"));
            }).ToList();
            return new VolunteerSnapshot(profile, v.Availability with { Weekly = v.Availability.Weekly.ToList() }, assignments);
        }).ToList();
    }

    private static string Fresh(string s) => new(s.AsSpan());
}
