using Kring.Hosting.Seeding;

namespace Kring.Benchmarks.Cluster;

/// <summary>
/// A region of its own, built through the grain interfaces only: Stein's ten villages (same coordinates, ids
/// prefixed with the region), carer circles spread over them, and buddy volunteers who are available every day from
/// 07:00 to 22:00, reach every village (15 km) and may help up to 40 hours a week. Requests get a window of their own
/// (30 minutes between 08:00 and 20:00, Amsterdam time, from the day after tomorrow on), so no volunteer ever has
/// two offers at the same time and every request can be matched. With <c>email</c>, every volunteer has an address
/// ("{id}@example.org") and wants offers by mail, so each offer also queues a mail.
/// </summary>
public sealed class BenchRegion
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private const int WindowsPerDay = 24;
    private static readonly TimeSpan Length = TimeSpan.FromMinutes(30);

    private readonly IGrainFactory _grains;
    private readonly DateTime _firstDay;
    private int _next;

    private BenchRegion(IGrainFactory grains, string region, IReadOnlyList<string> villages, IReadOnlyList<string> circles,
        IReadOnlyList<string> volunteers)
    {
        _grains = grains;
        Region = region;
        Villages = villages;
        Circles = circles;
        Volunteers = volunteers;
        _firstDay = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Amsterdam).Date.AddDays(2);
    }

    public string Region { get; }
    public IReadOnlyList<string> Villages { get; }
    public IReadOnlyList<string> Circles { get; }
    public IReadOnlyList<string> Volunteers { get; }
    public IMatchingGrain Shard => _grains.GetGrain<IMatchingGrain>(MatchingShard.Key(Region));

    public static async Task<BenchRegion> Create(IGrainFactory grains, string region, int circleCount, int volunteerCount, bool email =
        false)
    {
        var municipality = SeedFiles.Municipality();
        string Id(string local) => $"{region}-{local}";
        var villages = new List<string>();
        foreach (var v in municipality.Villages)
        {
            await grains.GetGrain<IVillageGrain>(Id(v.Id)).Define(
                new VillageInfo(Id(v.Id), v.Name, region, v.Lat, v.Lon, "", [], v.Neighbours.Select(Id).ToList()));
            villages.Add(Id(v.Id));
        }

        var circles = Enumerable.Range(1, circleCount).Select(i => Id($"c-{i:0000}")).ToList();
        await InBatches(circles, (id, i) => grains.GetGrain<ICarerCircleGrain>(id).Register(
            new CircleProfile(id, villages[i % villages.Count], $"Mantelzorger {i}", 60, $"Naaste {i}", "partner", [], null, null)));

        var available = new AvailabilityDto(
            Enum.GetValues<DayOfWeek>().Select(d => new WeeklySlotDto(d, new TimeOnly(7, 0), new TimeOnly(22, 0))).ToList(), [], false);
        var volunteers = Enumerable.Range(1, volunteerCount).Select(i => Id($"v-{i:000}")).ToList();
        await InBatches(volunteers, async (id, i) =>
        {
            var grain = grains.GetGrain<IVolunteerGrain>(id);
            // Availability first, so matching hears of the volunteer once, complete.
            await grain.SetAvailability(available);
            await grain.Register(new VolunteerProfile(id, $"Vrijwilliger {i}", villages[i % villages.Count], 15, [HelpKind.Buddy], [], 40,
                null,
                email ? new ContactDetails($"{id}@example.org", null) : null));
        });

        var built = new BenchRegion(grains, region, villages, circles, volunteers);
        // Activates the shard; the volunteers' change notifications reach it while we wait.
        await built.Shard.PendingCount();
        await Task.Delay(500);
        return built;
    }

    /// <summary>The next request, for the next circle in turn, in a window no other request of this region has.</summary>
    public (string CircleId, NewHelpRequest Request) NextRequest()
    {
        var n = _next++;
        var local = _firstDay.AddDays(n / WindowsPerDay).AddHours(8) + (n % WindowsPerDay) * Length;
        var start = new DateTimeOffset(local, Amsterdam.GetUtcOffset(local));
        var id = $"{Region}-r{n:000000}";
        return (Circles[n % Circles.Count], new NewHelpRequest(id, HelpKind.Buddy, start, start + Length, [], null, "benchmark"));
    }

    public ICarerCircleGrain Circle(string id) => _grains.GetGrain<ICarerCircleGrain>(id);

    private static async Task InBatches(List<string> ids, Func<string, int, Task> load)
    {
        const int batch = 32;
        for (var i = 0; i < ids.Count; i += batch)
        {
            await Task.WhenAll(ids.Skip(i).Take(batch).Select((id, j) => load(id, i + j + 1)));
        }
    }
}
