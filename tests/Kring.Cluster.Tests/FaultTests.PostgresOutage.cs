using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Kring.Cluster.Tests.Processes;

namespace Kring.Cluster.Tests;

public sealed partial class FaultTests
{
    private static readonly int[] ExpectedStatuses = [200, 201, 503];

    [Fact]
    public async Task Stopping_PostgreSQL_for_20_s_under_load_answers_503_loses_no_acknowledged_request_and_recovers()
    {
        var test = Stopwatch.StartNew();
        var artefacts = Artefacts.For("postgresql-outage");
        var report = new Report(Output, artefacts);
        await using var cluster = await ProcessCluster.Start(await SeededDatabase(), "pg-outage", 2, artefacts,
            FastRecoveryAndLapse, Output);
        try
        {
            var grains = cluster.Client;
            await RegisterVolunteers(grains, "v-outage", 20);
            var volunteers = await ClusterState.AllVolunteers(grains);
            using var consultant = await cluster.SignIn("consulent", HttpTimeout);
            var calls = new ApiCalls();
            var filer = new RequestFiler(consultant, calls);
            var plan = Workload.Plan("outage", 3000, perWindow: 4, Workload.DemoCircles);

            await using var acceptors = new Acceptors(grains, volunteers, workers: 2);
            using var stop = new CancellationTokenSource();
            var load = Load(filer, calls, consultant, plan, stop.Token);

            await Eventually.Until(() => Task.FromResult(filer.AcknowledgedCount), n => n >= 100, "100 requests are acknowledged",
                SettlePatience);
            var acknowledgedBefore = filer.AcknowledgedCount;
            var (stoppedAt, startingAt, upAt) = await StopPostgreSqlFor20Seconds(cluster, report, acknowledgedBefore);

            var recovered = await Eventually.Until(() => Task.FromResult(filer.Acknowledged.Where(a => a.At > upAt).ToList()),
                after => after.Count >= 50, "50 requests are acknowledged after PostgreSQL is back", OutagePatience, after =>
                    $"{after.Count} acknowledged");
            await stop.CancelAsync();
            await Task.WhenAll(load);
            report.Metric("first request acknowledged after PostgreSQL is back (s)", (recovered.Min(a => a.At) - upAt).TotalSeconds);

            AssertCallsDuringOutage(calls.All, stoppedAt, startingAt, report, artefacts);
            report.Line($"acknowledged: {filer.AcknowledgedCount} ({acknowledgedBefore} before the outage)");

            // No acknowledged request is lost, and every one of them (before, during and after the outage) is matched.
            Assert.Empty(await MissingThroughApi(consultant, filer.Acknowledged));
            var settled = await Settling.AllMatched(grains, Keys(filer.Acknowledged), volunteers, SettlePatience, artefacts);
            report.Line($"requests: {settled.Describe()}; {Lapsed(settled)} of them were matched only after an offer lapsed; " +
                $"acceptors: {acceptors.Describe()}");
            Assert.Empty(settled.Missing());
            Assert.Empty(settled.DoubleBookings());
            report.Metric("test run time (s)", test.Elapsed.TotalSeconds);
        }
        finally
        {
            report.Save("outage.txt");
            File.Copy(Server.LogFile, Path.Combine(artefacts, "postgresql.log"), overwrite: true);
        }
    }

    /// <summary>
    /// The load: 4 callers file requests one after the other (each retrying its own until it is acknowledged), 2 read
    /// acknowledged requests and their circles back and open circles nobody has used yet, all through the web.
    /// </summary>
    private static List<Task> Load(RequestFiler filer, ApiCalls calls, HttpClient consultant, IReadOnlyList<PlannedRequest> plan,
        CancellationToken stop)
    {
        var next = -1;
        return Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
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
                    await calls.Send<object>(consultant, () => new HttpRequestMessage(HttpMethod.Get,
                        $"/api/v1/circles/{a.Plan.CircleId}/requests/{a.Id}"), "read request");
                    await calls.Send<object>(consultant, () => new HttpRequestMessage(HttpMethod.Get,
                        $"/api/v1/circles/{a.Plan.CircleId}"), "read circle");
                }
                // A circle nobody has asked for yet (c-0900 downwards): its grain must be activated, so read from storage.
                await calls.Send<object>(consultant, () => new HttpRequestMessage(HttpMethod.Get,
                    $"/api/v1/circles/c-{900 - n % 300:0000}"), "read other circle");
                await Task.Delay(ReaderPause);
            }
        }))).ToList();
    }

    /// <summary>Stops PostgreSQL, waits the outage out and starts it again; returns when it stopped, started and was up.</summary>
    private async Task<(DateTimeOffset StoppedAt, DateTimeOffset StartingAt, DateTimeOffset UpAt)> StopPostgreSqlFor20Seconds(
        ProcessCluster cluster, Report report, int acknowledgedBefore)
    {
        var stopping = DateTimeOffset.UtcNow;
        await Server.Stop();
        var stoppedAt = DateTimeOffset.UtcNow;
        report.Line($"PostgreSQL stopped (pg_ctl -m fast stop) after {acknowledgedBefore} acknowledged requests, " +
            $"{(stopping - cluster.StartedAt).TotalSeconds:0.0} s after the cluster started");
        await Task.Delay(Outage); // the outage itself: a fixed 20 s
        var startingAt = DateTimeOffset.UtcNow;
        await Server.Start();
        var upAt = DateTimeOffset.UtcNow;
        // "While PostgreSQL was down" below means from the moment the stop completed until the start began.
        report.Line($"PostgreSQL down from {stoppedAt:HH:mm:ss.fff} to {startingAt:HH:mm:ss.fff} " +
            $"({(startingAt - stoppedAt).TotalSeconds:0.0} s), " +
            $"accepting connections again at {upAt:HH:mm:ss.fff}");
        return (stoppedAt, startingAt, upAt);
    }

    /// <summary>What the calls met while PostgreSQL was down and in the whole run: reported, saved, and checked.</summary>
    private static void AssertCallsDuringOutage(IReadOnlyList<ApiCalls.Call> all, DateTimeOffset stoppedAt, DateTimeOffset startingAt,
        Report report, string artefacts)
    {
        var during = all.Where(c => c.At >= stoppedAt && c.At < startingAt).ToList();
        report.Line($"calls while PostgreSQL was down: {during.Count}: {ApiCalls.Describe(during)}");
        report.Line($"calls in the whole run: {all.Count}: {ApiCalls.Describe(all)}");
        report.Metric("503 answers while PostgreSQL was down", during.Count(c => c.Status == 503));
        report.Metric("503 answers in the whole run", all.Count(c => c.Status == 503));
        report.Metric("slowest answer in the whole run (s)", all.Max(c => c.Latency).TotalSeconds);
        report.Metric("slowest answer while PostgreSQL was down (s)", during.Max(c => c.Latency).TotalSeconds);
        // Nothing can be stored while PostgreSQL is down, so a request first filed then cannot be acknowledged then.
        var firstFiled = all.Where(c => c.What.StartsWith("file ", StringComparison.Ordinal)).GroupBy(c => c.What)
            .ToDictionary(g => g.Key, g => g.Min(c => c.At));
        var acknowledgedUnstored = all.Where(c => c.Status == 201 && c.End < startingAt && firstFiled[c.What] >= stoppedAt)
            .Select(c => c.What).ToList();
        report.Line($"acknowledged while PostgreSQL was down, though first filed then: {acknowledgedUnstored.Count}");
        File.WriteAllLines(Path.Combine(artefacts, "calls.txt"),
            all.OrderBy(c => c.At).Select(c =>
                $"{c.At:HH:mm:ss.fff} {c.What} {ApiCalls.Name(c.Status)} {c.Latency.TotalMilliseconds:0} ms" +
                $"{(c.RetryAfter ? " Retry-After" : "")}{(c.Error is null ? "" : " " + c.Error.ReplaceLineEndings(" "))}"));

        Assert.DoesNotContain(all, c => c.Status == 500);
        Assert.DoesNotContain(all, c => c.Status == ApiCalls.Hung);
        Assert.DoesNotContain(all, c => c.Status == ApiCalls.Unreachable);
        Assert.All(all, c => Assert.Contains(c.Status, ExpectedStatuses));
        Assert.All(all.Where(c => c.Status == 503), c => Assert.True(c.RetryAfter,
            $"a 503 without Retry-After at {c.At:HH:mm:ss.fff}"));
        Assert.Contains(during, c => c.Status == 503);
        Assert.Empty(acknowledgedUnstored);
    }
}
