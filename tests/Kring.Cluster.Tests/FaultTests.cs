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
public sealed class FaultTests(PostgresServer server, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
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
    private static readonly Dictionary<string, string> FastRecoveryAndLapse = new(FastRecovery)
    {
        ["Kring__Matching__OfferTimeout"] = "00:01:00",
    };

    [Fact]
    public async Task Killing_a_silo_mid_run_loses_no_acknowledged_request_and_books_nobody_twice()
    {
        const int requests = 1000;
        var test = Stopwatch.StartNew();
        var artefacts = Artefacts.For("kill-a-silo");
        var report = new Report(output, artefacts);
        await using var cluster = await ProcessCluster.Start(await server.CreateDatabase(), "kill-a-silo", 3, artefacts, FastRecoveryAndLapse, output);
        try
        {
            var grains = cluster.Client;
            var dedicated = await RegisterVolunteers(grains, "v-fault", 40);
            var volunteers = await ClusterState.AllVolunteers(grains);
            report.Line($"setup: {volunteers.Count} volunteers ({dedicated.Count} of the test's, available every day 07:00–22:00), cluster up after {test.Elapsed.TotalSeconds:0.0} s");

            using var consultant = await cluster.SignIn("consulent", HttpTimeout);
            var filer = new RequestFiler(consultant, new ApiCalls());
            var plan = Workload.Plan("kill", requests, perWindow: 8, Workload.DemoCircles);

            // The victim is the silo that hosts the buddy matching shard, so the kill takes matching state with it.
            var victim = await SiloHosting(cluster, grains.GetGrain<IMatchingGrain>(MatchingShard.Key("stein", HelpKind.Buddy))) ?? 1;
            DateTimeOffset killedAt = default;
            var started = DateTimeOffset.UtcNow;
            await using (var acceptors = new Acceptors(grains, volunteers, workers: 4))
            {
                var filing = filer.FileAll(plan, concurrency: 6, FilingPatience);
                await Eventually.Until(() => Task.FromResult(filer.AcknowledgedCount), n => n >= requests / 2, "half the requests are acknowledged", SettlePatience);
                killedAt = DateTimeOffset.UtcNow;
                var port = cluster.Kill(victim);
                report.Line($"kill -9 {cluster.Silos[victim].Name} (silo port {port}, hosting stein/buddy) after {filer.AcknowledgedCount} acknowledged requests, {(killedAt - started).TotalSeconds:0.0} s into the run");

                var declaredDead = DeclaredDead(cluster, port);
                await filing;
                var filedAt = DateTimeOffset.UtcNow;
                report.Line($"filing: {filer.AcknowledgedCount} of {requests} acknowledged (201) in {(filedAt - started).TotalSeconds:0.0} s; calls: {ApiCalls.Describe(filer.Calls.All)}");
                report.Metric("silo declared dead after kill (s)", (await declaredDead - killedAt).TotalSeconds);

                var failures = filer.Calls.All.Where(c => c.Status != 201).ToList();
                var lastFailure = failures.Count == 0 ? killedAt : failures.Max(c => c.End);
                report.Metric("web answers again after kill: last failed call ended (s after kill)", Math.Max(0, (lastFailure - killedAt).TotalSeconds));

                // Settled: every request matched, every match in its volunteer's schedule, no accept left half-done.
                var acknowledged = filer.Acknowledged.Select(a => (a.Plan.CircleId, a.Id)).ToList();
                var settled = await Settling.AllMatched(grains, acknowledged, volunteers, SettlePatience, artefacts);
                var settledAt = DateTimeOffset.UtcNow;
                report.Line($"acceptors: {acceptors.Describe()}");
                report.Line($"requests: {settled.Describe()}; {Lapsed(settled)} of them were matched only after an offer lapsed");
                report.Metric("all requests settled after kill (s)", (settledAt - killedAt).TotalSeconds);
                report.Metric("all requests settled after the last acknowledgement (s)", (settledAt - filedAt).TotalSeconds);

                Assert.Equal(requests, filer.AcknowledgedCount);
                Assert.Empty(settled.Missing());
                Assert.Empty(settled.DoubleBookings());
                Assert.Empty(settled.Disagreements());
                Assert.DoesNotContain(filer.Calls.All, c => c.Status is 500 or ApiCalls.Hung);
                Assert.All(filer.Calls.All.Where(c => c.Status == 503), c => Assert.True(c.RetryAfter, "a 503 without Retry-After"));
            }

            // Every acknowledged request through the API as well, as the consultant sees it.
            var missing = await MissingThroughApi(consultant, filer.Acknowledged);
            Assert.Empty(missing);
            Assert.All(cluster.Silos.Where((_, i) => i != victim), s => Assert.False(s.HasExited, $"{s.Name} ended"));
            report.Metric("test run time (s)", test.Elapsed.TotalSeconds);
        }
        finally
        {
            report.Save("recovery.txt");
            File.Copy(server.LogFile, Path.Combine(artefacts, "postgresql.log"), overwrite: true);
        }
    }

    [Fact]
    public async Task Restarting_the_whole_cluster_brings_back_every_request_status_assignment_and_availability()
    {
        var test = Stopwatch.StartNew();
        var artefacts = Artefacts.For("restart-the-cluster");
        var report = new Report(output, artefacts);
        await using var cluster = await ProcessCluster.Start(await server.CreateDatabase(), "restart", 2, artefacts, FastRecovery, output);
        try
        {
            var grains = cluster.Client;
            await RegisterVolunteers(grains, "v-restart", 20);
            var volunteers = await ClusterState.AllVolunteers(grains);
            using var consultant = await cluster.SignIn("consulent", HttpTimeout);
            using var volunteer = await cluster.SignIn("vrijwilliger", HttpTimeout);
            var filer = new RequestFiler(consultant, new ApiCalls());

            // The demo volunteer's own week, set through the API.
            var week = new
            {
                weekly = new[] { new { day = "monday", from = "09:00", to = "12:00" }, new { day = "thursday", from = "13:30", to = "17:00" } },
                daysOff = new[] { "2027-01-04" },
                paused = false,
            };
            using (var put = await volunteer.PutAsJsonAsync("/api/v1/volunteers/me/availability", week)) put.EnsureSuccessStatusCode();
            var availability = await volunteer.GetStringAsync("/api/v1/volunteers/me/availability");

            // 200 requests matched, with the volunteers racing for them.
            var matched = Workload.Plan("restart", 200, perWindow: 4, Workload.DemoCircles);
            await using (var acceptors = new Acceptors(grains, volunteers, workers: 4))
            {
                await filer.FileAll(matched, concurrency: 8, FilingPatience);
                Assert.Equal(matched.Count, filer.AcknowledgedCount);
                await Settling.AllMatched(grains, Keys(filer.Acknowledged), volunteers, SettlePatience, artefacts);
                report.Line($"200 requests filed and matched; acceptors: {acceptors.Describe()}");
            }
            // 10 that nobody can take (a need no volunteer has), which end in a coordinator's queue, and 10 that are
            // offered while nobody answers, 4 of which the consultant cancels.
            var nobody = Workload.Plan("restart-nobody", 10, perWindow: 1, Workload.DemoCircles.Skip(300).ToList(), firstDay: 20, needs: ["gebarentaal"]);
            var unanswered = Workload.Plan("restart-unanswered", 10, perWindow: 1, Workload.DemoCircles.Skip(400).ToList(), firstDay: 21);
            await filer.FileAll([.. nobody, .. unanswered], concurrency: 8, FilingPatience);
            Assert.Equal(220, filer.AcknowledgedCount);
            var all = filer.Acknowledged;
            var offered = all.Where(a => a.Plan.Key.StartsWith("restart-unanswered", StringComparison.Ordinal)).ToList();
            var escalated = all.Where(a => a.Plan.Key.StartsWith("restart-nobody", StringComparison.Ordinal)).Select(a => a.Id).ToHashSet();
            await Eventually.Until(() => ClusterState.Read(grains, Keys(offered), []), s => s.Count(RequestStatus.Offered) == offered.Count,
                "the unanswered requests are offered", SettlePatience, s => s.Describe());
            await Eventually.Until(async () => (await Task.WhenAll((await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetPartners())
                    .Select(p => grains.GetGrain<IPartnerGrain>(p.Id).GetQueue()))).SelectMany(q => q).Select(q => q.Request.Id).ToHashSet(),
                queued => escalated.IsSubsetOf(queued), "the requests nobody can take are in a coordinator's queue", SettlePatience);
            foreach (var cancelled in offered.Take(4))
            {
                using var cancel = await consultant.PostAsync($"/api/v1/circles/{cancelled.Plan.CircleId}/requests/{cancelled.Id}/cancel", null);
                cancel.EnsureSuccessStatusCode();
            }

            await Quiet(grains, Keys(all), volunteers);
            var before = await ClusterSnapshot.Take(grains, Keys(all), volunteers);
            await before.Save(Path.Combine(artefacts, "before-restart.txt"));
            var statuses = ClusterState.Read(grains, Keys(all), []);
            report.Line($"before the restart: {(await statuses).Describe()}; {before.Items.Count} items in the snapshot");

            var stopping = Stopwatch.StartNew();
            var processes = cluster.Silos.Append(cluster.Web).ToList();
            await cluster.Stop();
            Assert.All(processes, p => Assert.True(p.HasExited, $"{p.Name} still runs"));
            report.Metric("stop: web and silos ended after SIGTERM (s)", stopping.Elapsed.TotalSeconds);
            var starting = Stopwatch.StartNew();
            await cluster.Restart();
            report.Metric("restart: silos and web ready again (s)", starting.Elapsed.TotalSeconds);
            grains = cluster.Client;

            var after = await ClusterSnapshot.Take(grains, Keys(all), volunteers);
            await after.Save(Path.Combine(artefacts, "after-restart.txt"));
            var differences = before.Differences(after);
            await File.WriteAllLinesAsync(Path.Combine(artefacts, "differences.txt"), differences);
            report.Line($"after the restart: {differences.Count} of {after.Items.Count} items differ");
            Assert.Empty(differences);

            // The web's keys came back too: the token from before the restart still signs the volunteer in.
            Assert.Equal(availability, await volunteer.GetStringAsync("/api/v1/volunteers/me/availability"));

            // And the cluster works: the offers made before the restart can be accepted, new requests are matched.
            var fresh = Workload.Plan("restart-after", 10, perWindow: 2, Workload.DemoCircles.Skip(500).ToList(), firstDay: 22);
            await using (var acceptors = new Acceptors(grains, volunteers, workers: 4))
            {
                await filer.FileAll(fresh, concurrency: 8, FilingPatience);
                var open = filer.Acknowledged.Where(a => !escalated.Contains(a.Id) && !offered.Take(4).Any(c => c.Id == a.Id)).ToList();
                Assert.Equal(200 + 6 + 10, open.Count);
                await Settling.AllMatched(grains, Keys(open), volunteers, SettlePatience, artefacts);
                report.Line($"after the restart 6 offers made before it and 10 new requests matched; acceptors: {acceptors.Describe()}");
            }
            report.Metric("test run time (s)", test.Elapsed.TotalSeconds);
        }
        finally
        {
            report.Save("restart.txt");
        }
    }

    [Fact]
    public async Task Stopping_PostgreSQL_for_20_s_under_load_answers_503_loses_no_acknowledged_request_and_recovers()
    {
        var test = Stopwatch.StartNew();
        var artefacts = Artefacts.For("postgresql-outage");
        var report = new Report(output, artefacts);
        await using var cluster = await ProcessCluster.Start(await server.CreateDatabase(), "pg-outage", 2, artefacts, FastRecoveryAndLapse, output);
        try
        {
            var grains = cluster.Client;
            await RegisterVolunteers(grains, "v-outage", 20);
            var volunteers = await ClusterState.AllVolunteers(grains);
            using var consultant = await cluster.SignIn("consulent", HttpTimeout);
            var calls = new ApiCalls();
            var filer = new RequestFiler(consultant, calls);
            var plan = Workload.Plan("outage", 3000, perWindow: 4, Workload.DemoCircles);

            // The load: 4 callers file requests one after the other (each retrying its own until it is acknowledged), 2 read
            // acknowledged requests and their circles back and open circles nobody has used yet, all through the web; the
            // volunteers accept whatever they are offered.
            await using var acceptors = new Acceptors(grains, volunteers, workers: 2);
            using var stop = new CancellationTokenSource();
            var next = -1;
            var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested) await filer.File(plan[Interlocked.Increment(ref next)], OutagePatience);
            })).Concat(Enumerable.Range(0, 2).Select(reader => Task.Run(async () =>
            {
                for (var n = reader; !stop.IsCancellationRequested; n += 2)
                {
                    var known = filer.Acknowledged;
                    if (known.Count > 0)
                    {
                        var a = known[n % known.Count];
                        await calls.Send<object>(consultant, () => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/circles/{a.Plan.CircleId}/requests/{a.Id}"), "read request");
                        await calls.Send<object>(consultant, () => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/circles/{a.Plan.CircleId}"), "read circle");
                    }
                    // A circle nobody has asked for yet (c-0900 downwards): its grain must be activated, so read from storage.
                    await calls.Send<object>(consultant, () => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/circles/c-{900 - n % 300:0000}"), "read other circle");
                    await Task.Delay(ReaderPause);
                }
            }))).ToList();

            await Eventually.Until(() => Task.FromResult(filer.AcknowledgedCount), n => n >= 100, "100 requests are acknowledged", SettlePatience);
            var acknowledgedBefore = filer.AcknowledgedCount;
            var stopping = DateTimeOffset.UtcNow;
            await server.Stop();
            var stoppedAt = DateTimeOffset.UtcNow;
            report.Line($"PostgreSQL stopped (pg_ctl -m fast stop) after {acknowledgedBefore} acknowledged requests, {(stopping - cluster.StartedAt).TotalSeconds:0.0} s after the cluster started");
            await Task.Delay(Outage); // the outage itself: a fixed 20 s
            var startingAt = DateTimeOffset.UtcNow;
            await server.Start();
            var upAt = DateTimeOffset.UtcNow;
            // "While PostgreSQL was down" below means from the moment the stop completed until the start began.
            report.Line($"PostgreSQL down from {stoppedAt:HH:mm:ss.fff} to {startingAt:HH:mm:ss.fff} ({(startingAt - stoppedAt).TotalSeconds:0.0} s), accepting connections again at {upAt:HH:mm:ss.fff}");

            var recovered = await Eventually.Until(() => Task.FromResult(filer.Acknowledged.Where(a => a.At > upAt).ToList()),
                after => after.Count >= 50, "50 requests are acknowledged after PostgreSQL is back", OutagePatience, after => $"{after.Count} acknowledged");
            await stop.CancelAsync();
            await Task.WhenAll(load);
            report.Metric("first request acknowledged after PostgreSQL is back (s)", (recovered.Min(a => a.At) - upAt).TotalSeconds);

            var all = calls.All;
            var during = all.Where(c => c.At >= stoppedAt && c.At < startingAt).ToList();
            report.Line($"calls while PostgreSQL was down: {during.Count}: {ApiCalls.Describe(during)}");
            report.Line($"calls in the whole run: {all.Count}: {ApiCalls.Describe(all)}");
            report.Metric("503 answers while PostgreSQL was down", during.Count(c => c.Status == 503));
            report.Metric("503 answers in the whole run", all.Count(c => c.Status == 503));
            report.Metric("slowest answer in the whole run (s)", all.Max(c => c.Latency).TotalSeconds);
            report.Metric("slowest answer while PostgreSQL was down (s)", during.Max(c => c.Latency).TotalSeconds);
            // Nothing can be stored while PostgreSQL is down, so a request first filed then cannot be acknowledged then.
            var firstFiled = all.Where(c => c.What.StartsWith("file ", StringComparison.Ordinal)).GroupBy(c => c.What).ToDictionary(g => g.Key, g => g.Min(c => c.At));
            var acknowledgedUnstored = all.Where(c => c.Status == 201 && c.End < startingAt && firstFiled[c.What] >= stoppedAt).Select(c => c.What).ToList();
            report.Line($"acknowledged: {filer.AcknowledgedCount} ({acknowledgedBefore} before the outage; {acknowledgedUnstored.Count} first filed and acknowledged while PostgreSQL was down)");
            await File.WriteAllLinesAsync(Path.Combine(artefacts, "calls.txt"),
                all.OrderBy(c => c.At).Select(c => $"{c.At:HH:mm:ss.fff} {c.What} {ApiCalls.Name(c.Status)} {c.Latency.TotalMilliseconds:0} ms{(c.RetryAfter ? " Retry-After" : "")}{(c.Error is null ? "" : " " + c.Error.ReplaceLineEndings(" "))}"));

            Assert.DoesNotContain(all, c => c.Status == 500);
            Assert.DoesNotContain(all, c => c.Status == ApiCalls.Hung);
            Assert.DoesNotContain(all, c => c.Status == ApiCalls.Unreachable);
            Assert.All(all, c => Assert.Contains(c.Status, new[] { 200, 201, 503 }));
            Assert.All(all.Where(c => c.Status == 503), c => Assert.True(c.RetryAfter, $"a 503 without Retry-After at {c.At:HH:mm:ss.fff}"));
            Assert.Contains(during, c => c.Status == 503);
            Assert.Empty(acknowledgedUnstored);

            // No acknowledged request is lost, and every one of them (before, during and after the outage) is matched.
            Assert.Empty(await MissingThroughApi(consultant, filer.Acknowledged));
            var settled = await Settling.AllMatched(grains, Keys(filer.Acknowledged), volunteers, SettlePatience, artefacts);
            report.Line($"requests: {settled.Describe()}; {Lapsed(settled)} of them were matched only after an offer lapsed; acceptors: {acceptors.Describe()}");
            Assert.Empty(settled.Missing());
            Assert.Empty(settled.DoubleBookings());
            report.Metric("test run time (s)", test.Elapsed.TotalSeconds);
        }
        finally
        {
            report.Save("outage.txt");
            File.Copy(server.LogFile, Path.Combine(artefacts, "postgresql.log"), overwrite: true);
        }
    }

    /// <summary>
    /// Waits (bounded) until the cluster has nothing left in flight for these requests: the matching shards hold exactly
    /// the open and offered ones, no request that left matching still has a pending offer, and the villages' counts agree
    /// with the circles.
    /// </summary>
    private static Task Quiet(IGrainFactory grains, IReadOnlyList<(string CircleId, string RequestId)> requests, IReadOnlyList<string> volunteers) =>
        Eventually.Until(async () =>
        {
            var state = await ClusterState.Read(grains, requests, volunteers);
            var unsettled = state.Requests.Values.Count(r => r?.Status is RequestStatus.Open or RequestStatus.Offered);
            var pending = 0;
            foreach (var kind in Enum.GetValues<HelpKind>()) pending += await grains.GetGrain<IMatchingGrain>(MatchingShard.Key("stein", kind)).PendingCount();
            var stray = state.Volunteers.Values.SelectMany(v => v.Offers).Count(o => o.Status == OfferStatus.Pending && state.Requests.GetValueOrDefault(o.RequestId)?.Status != RequestStatus.Offered);
            var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
            var overviews = await Task.WhenAll(villages.Select(v => grains.GetGrain<IVillageGrain>(v.Id).GetOverview()));
            var counted = (overviews.Sum(o => o.Open), overviews.Sum(o => o.Offered), overviews.Sum(o => o.Matched));
            var expected = (state.Count(RequestStatus.Open), state.Count(RequestStatus.Offered), state.Count(RequestStatus.Matched));
            return (Done: pending == unsettled && stray == 0 && counted == expected,
                Seen: $"shards hold {pending} of {unsettled} unsettled; {stray} pending offers of settled requests; villages count {counted}, circles {expected}");
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
        state.Requests.Values.Count(r => r?.History.Any(e => e.Status == RequestStatus.Open && e.What.StartsWith("nog geen vrijwilliger", StringComparison.Ordinal)) == true);

    private static List<(string CircleId, string RequestId)> Keys(IEnumerable<Acknowledged> acknowledged) =>
        acknowledged.Select(a => (a.Plan.CircleId, a.Id)).ToList();

    /// <summary>When the membership table first shows the silo as dead (polled, bounded).</summary>
    private static async Task<DateTimeOffset> DeclaredDead(ProcessCluster cluster, int siloPort)
    {
        await Eventually.Until(() => cluster.MembershipStatus(siloPort), s => s == SiloStatus.Dead, "the killed silo is declared dead", SettlePatience);
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
        await Parallel.ForEachAsync(acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (a, _) =>
        {
            using var response = await http.GetAsync($"/api/v1/circles/{a.Plan.CircleId}/requests/{a.Id}");
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
