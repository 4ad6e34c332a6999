using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Kring.Cluster.Tests.Processes;

namespace Kring.Cluster.Tests;

/// <summary>
/// The fault tests run real processes and press the machine hard, so they run on their own, after the other tests
/// of this assembly and never beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessesCollection
{
    public const string Name = "Real processes";
}

/// <summary>
/// Faults with real processes: silos and the web started from the build output with `dotnet`, on a throwaway
/// PostgreSQL, killed with SIGKILL, stopped and started again, and PostgreSQL itself stopped under load. Each test
/// leaves the processes' logs and its figures in artifacts/fault-tests/{test}.
/// </summary>
[Collection(ProcessesCollection.Name)]
public sealed partial class FaultTests(PostgresServer server, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private PostgresServer Server => server;
    private ITestOutputHelper Output => output;

    /// <summary>No answer from the web within this time is a hang. The web's own bound is its 10 s cluster call timeout.</summary>
    private static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(30);
    /// <summary>An upper bound for a busy machine; on a quiet one the cluster settles in about a minute.</summary>
    private static readonly TimeSpan SettlePatience = TimeSpan.FromSeconds(240);
    private static readonly TimeSpan FilingPatience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);
    /// <summary>How long a request is retried across the outage, and how long full recovery may take after it.</summary>
    private static readonly TimeSpan OutagePatience = TimeSpan.FromSeconds(90);
    /// <summary>A reader's pace: two reads, then this pause.</summary>
    private static readonly TimeSpan ReaderPause = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Faster than production so the test sees recovery in seconds: matching shards check deadlines and send waves every
    /// 2 s (production: 10 s), and a silo that stops answering probes is declared dead after two missed 2-second probes
    /// (Orleans' default: three missed 5-second probes). Shards reconcile with the villages at their first tick and then
    /// every minute, as in production: a shorter interval only keeps a busy shard from its real work.
    /// </summary>
    private static readonly Dictionary<string, string> FastRecovery = new()
    {
        ["Kring__Matching__TickInterval"] = "00:00:02",
        ["Kring__Membership__ProbeTimeout"] = "00:00:02",
        ["Kring__Membership__NumMissedProbesLimit"] = "2",
    };

    /// <summary>
    /// <see cref="FastRecovery"/>, and offers nobody answers lapse after a minute (production: 4 hours). Under the load of
    /// a fault a notification can be lost (a decline that the overloaded shard dropped after 30 s in its queue); the
    /// request then waits for its offer to lapse, as in production, only not for hours. The count is reported.
    /// </summary>
    /// <summary>
    /// A database with the demo seeded, copied from one that a single silo seeded for the first test that asked: seeding
    /// the 900 circles with their history costs about a minute under load, and every fault test starts from it.
    /// </summary>
    private Task<string> SeededDatabase() => Server.CreateDatabaseFrom("demo", async connectionString =>
    {
        await using var cluster = await ProcessCluster.Start(connectionString, "seed", 1, Artefacts.For("seed"), FastRecovery, Output);
        await cluster.Stop();
    });

    private static readonly Dictionary<string, string> FastRecoveryAndLapse = new(FastRecovery)
    {
        ["Kring__Matching__OfferTimeout"] = "00:01:00",
    };

    /// <summary>
    /// Waits (bounded) until the cluster has nothing left in flight for these requests: the matching shards hold exactly
    /// the open and offered ones, no request that left matching still has a pending offer, and the villages' counts agree
    /// with the circles.
    /// </summary>
    private static async Task Quiet(IGrainFactory grains, IReadOnlyList<(string CircleId, string RequestId)> requests,
        IReadOnlyList<string> volunteers) =>
        await Eventually.Until(async () =>
        {
            var state = await ClusterState.Read(grains, requests, volunteers);
            var unsettled = state.Requests.Values.Count(r => r?.Status is RequestStatus.Open or RequestStatus.Offered);
            var pending = await grains.GetGrain<IMatchingGrain>(MatchingShard.Key("stein")).PendingCount();
            var stray = state.Volunteers.Values.SelectMany(v => v.Offers).Count(o => o.Status == OfferStatus.Pending
                && state.Requests.GetValueOrDefault(o.RequestId)?.Status != RequestStatus.Offered);
            var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
            var overviews = await Task.WhenAll(villages.Select(v => grains.GetGrain<IVillageGrain>(v.Id).GetOverview()));
            var counted = (overviews.Sum(o => o.Open), overviews.Sum(o => o.Offered), overviews.Sum(o => o.Matched));
            var expected = (state.Count(RequestStatus.Open), state.Count(RequestStatus.Offered), state.Count(RequestStatus.Matched));
            return (Done: pending == unsettled && stray == 0 && counted == expected,
                Seen: $"shards hold {pending} of {unsettled} unsettled; {stray} pending offers of settled requests; " +
                    $"villages count {counted}, circles {expected}");
        }, q => q.Done, "nothing is in flight any more", SettlePatience, q => q.Seen);

    /// <summary>
    /// Volunteers of the test's own, spread over the villages: both kinds, every skill the demo's circles need,
    /// available every day from 07:00 to 22:00 within 15 km (the whole municipality), up to 40 hours a week.
    /// </summary>
    private static async Task<IReadOnlyList<string>> RegisterVolunteers(IGrainFactory grains, string prefix, int count)
    {
        var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
        var available = new AvailabilityDto(
            Enum.GetValues<DayOfWeek>().Select(d => new WeeklySlotDto(d, new TimeOnly(7, 0), new TimeOnly(22, 0))).ToList(), [], false);
        string[] skills = ["dementia", "diabetes", "hearing", "mobility", "parkinson", "visual", "wheelchair"];
        var ids = Enumerable.Range(1, count).Select(i => $"{prefix}-{i:00}").ToList();
        await Parallel.ForEachAsync(ids.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (v, _) =>
        {
            var grain = grains.GetGrain<IVolunteerGrain>(v.id);
            await grain.SetAvailability(available);
            await grain.Register(new VolunteerProfile(v.id, $"Testvrijwilliger {v.i + 1}", villages[v.i % villages.Count].Id, 15,
                [HelpKind.Buddy, HelpKind.Respite], skills, 40, null));
        });
        return ids;
    }

    /// <summary>Requests that went back to open because their offers lapsed unanswered (see <see cref="FastRecoveryAndLapse"/>).</summary>
    private static int Lapsed(ClusterState state) =>
        state.Requests.Values.Count(r => r?.History.Any(e => e.Status == RequestStatus.Open
            && e.What.StartsWith("nog geen vrijwilliger", StringComparison.Ordinal)) == true);

    private static List<(string CircleId, string RequestId)> Keys(IEnumerable<Acknowledged> acknowledged) =>
        acknowledged.Select(a => (a.Plan.CircleId, a.Id)).ToList();

    /// <summary>When the membership table first shows the silo as dead (polled, bounded).</summary>
    private static async Task<DateTimeOffset> DeclaredDead(ProcessCluster cluster, int siloPort)
    {
        await Eventually.Until(() => cluster.MembershipStatus(siloPort), s => s == SiloStatus.Dead, "the killed silo is declared dead",
            SettlePatience);
        return DateTimeOffset.UtcNow;
    }

    /// <summary>The index of the silo that hosts the grain's activation (activating it if needed), or null.</summary>
    private static async Task<int?> SiloHosting(ProcessCluster cluster, IAddressable grain)
    {
        if (grain is IMatchingGrain matching) await matching.PendingCount();
        var address = await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        for (var i = 0; i < cluster.Silos.Count; i++)
        {
            if (address?.Endpoint.Port == cluster.SiloPort(i)) return i;
        }
        return null;
    }

    /// <summary>The acknowledged requests that GET /api/v1/circles/{circleId}/requests/{id} does not return.</summary>
    private static async Task<IReadOnlyList<string>> MissingThroughApi(HttpClient http, IEnumerable<Acknowledged> acknowledged)
    {
        var missing = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (a, cancellation) =>
        {
            using var response = await http.GetAsync($"/api/v1/circles/{a.Plan.CircleId}/requests/{a.Id}", cancellation);
            if (!response.IsSuccessStatusCode) missing.Add($"{a.Id} ({a.Plan.Key}): {(int)response.StatusCode}");
        });
        return missing.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The figures of a test: printed to the test output as they come and saved as an artefact.</summary>
    private sealed class Report(ITestOutputHelper output, string artefacts)
    {
        private readonly StringBuilder _text = new();

        public void Line(string line)
        {
            var stamped = $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}";
            lock (_text) _text.AppendLine(stamped);
            output.WriteLine(stamped);
        }

        public void Metric(string name, double value) => Line($"{name}: {value.ToString("0.0", CultureInfo.InvariantCulture)}");

        public void Save(string file)
        {
            lock (_text) File.WriteAllText(Path.Combine(artefacts, file), _text.ToString());
        }
    }
}
