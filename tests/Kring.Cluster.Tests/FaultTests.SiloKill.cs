using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Kring.Cluster.Tests.Processes;

namespace Kring.Cluster.Tests;

public sealed partial class FaultTests
{
    [Fact]
    public async Task Killing_a_silo_mid_run_loses_no_acknowledged_request_and_books_nobody_twice()
    {
        const int requests = 1000;
        var test = Stopwatch.StartNew();
        var artefacts = Artefacts.For("kill-a-silo");
        var report = new Report(Output, artefacts);
        await using var cluster = await ProcessCluster.Start(await SeededDatabase(), "kill-a-silo", 3, artefacts,
            FastRecoveryAndLapse, Output);
        try
        {
            var grains = cluster.Client;
            var volunteers = await SetUpVolunteers(grains, report, test);

            using var consultant = await cluster.SignIn("consulent", HttpTimeout);
            var filer = new RequestFiler(consultant, new ApiCalls());
            var plan = Workload.Plan("kill", requests, perWindow: 8, Workload.DemoCircles);

            // The victim is the silo that hosts the buddy matching shard, so the kill takes matching state with it.
            var victim = await SiloHosting(cluster, grains.GetGrain<IMatchingGrain>(MatchingShard.Key("stein"))) ?? 1;
            DateTimeOffset killedAt = default;
            var started = DateTimeOffset.UtcNow;
            await using (var acceptors = new Acceptors(grains, volunteers, workers: 4))
            {
                var filing = filer.FileAll(plan, concurrency: 6, FilingPatience);
                await Eventually.Until(() => Task.FromResult(filer.AcknowledgedCount), n => n >= requests / 2,
                    "half the requests are acknowledged", SettlePatience);
                killedAt = DateTimeOffset.UtcNow;
                var port = cluster.Kill(victim);
                report.Line($"kill -9 {cluster.Silos[victim].Name} (silo port {port}, hosting the stein shard) " +
                    $"after {filer.AcknowledgedCount} acknowledged requests, {(killedAt - started).TotalSeconds:0.0} s into the run");

                var declaredDead = DeclaredDead(cluster, port);
                var earlier = SettledAfter(grains, filer.Acknowledged, volunteers, killedAt, artefacts);
                await filing;
                var filedAt = DateTimeOffset.UtcNow;
                var filed = $"{filer.AcknowledgedCount} of {requests} acknowledged (201) in {(filedAt - started).TotalSeconds:0.0} s";
                report.Line($"filing: {filed}; calls: {ApiCalls.Describe(filer.Calls.All)}");
                report.Metric("silo declared dead after kill (s)", (await declaredDead - killedAt).TotalSeconds);

                ReportLastFailure(filer.Calls.All, killedAt, report);
                report.Metric("requests acknowledged before the kill all settled (s after kill)", await earlier);

                await AssertSettled(grains, filer.Acknowledged, volunteers, acceptors, (killedAt, filedAt), artefacts, report);
                Assert.Equal(requests, filer.AcknowledgedCount);
                Assert.DoesNotContain(filer.Calls.All, c => c.Status is 500 or ApiCalls.Hung);
                Assert.All(filer.Calls.All.Where(c => c.Status == 503), c => Assert.True(c.RetryAfter, "a 503 without Retry-After"));
            }

            // Every acknowledged request through the API as well, as the consultant sees it.
            Assert.Empty(await MissingThroughApi(consultant, filer.Acknowledged));
            Assert.All(cluster.Silos.Where((_, i) => i != victim), s => Assert.False(s.HasExited, $"{s.Name} ended"));
            report.Metric("test run time (s)", test.Elapsed.TotalSeconds);
        }
        finally
        {
            report.Save("recovery.txt");
            File.Copy(Server.LogFile, Path.Combine(artefacts, "postgresql.log"), overwrite: true);
        }
    }

    private static async Task<IReadOnlyList<string>> SetUpVolunteers(IGrainFactory grains, Report report, Stopwatch test)
    {
        var dedicated = await RegisterVolunteers(grains, "v-fault", 40);
        var volunteers = await ClusterState.AllVolunteers(grains);
        report.Line($"setup: {volunteers.Count} volunteers ({dedicated.Count} of the test's, available every day 07:00–22:00), " +
            $"cluster up after {test.Elapsed.TotalSeconds:0.0} s");
        return volunteers;
    }

    /// <summary>
    /// How long after the kill the requests acknowledged before it were all matched: the recovery alone, while the
    /// rest of the requests are still being filed.
    /// </summary>
    private static async Task<double> SettledAfter(IGrainFactory grains, IReadOnlyList<Acknowledged> acknowledged,
        IReadOnlyList<string> volunteers, DateTimeOffset killedAt, string artefacts)
    {
        await Settling.AllMatched(grains, Keys(acknowledged), volunteers, SettlePatience, artefacts);
        return (DateTimeOffset.UtcNow - killedAt).TotalSeconds;
    }

    private static void ReportLastFailure(IReadOnlyList<ApiCalls.Call> calls, DateTimeOffset killedAt, Report report)
    {
        var failures = calls.Where(c => c.Status != 201).ToList();
        var lastFailure = failures.Count == 0 ? killedAt : failures.Max(c => c.End);
        report.Metric("web answers again after kill: last failed call ended (s after kill)",
            Math.Max(0, (lastFailure - killedAt).TotalSeconds));
    }

    /// <summary>Settled: every request matched, every match in its volunteer's schedule, no accept left half-done.</summary>
    private static async Task AssertSettled(IGrainFactory grains, IReadOnlyList<Acknowledged> acknowledged,
        IReadOnlyList<string> volunteers, Acceptors acceptors, (DateTimeOffset Killed, DateTimeOffset Filed) at, string artefacts,
        Report report)
    {
        var settled = await Settling.AllMatched(grains, Keys(acknowledged), volunteers, SettlePatience, artefacts);
        var settledAt = DateTimeOffset.UtcNow;
        report.Line($"acceptors: {acceptors.Describe()}");
        report.Line($"requests: {settled.Describe()}; {Lapsed(settled)} of them were matched only after an offer lapsed");
        report.Metric("all requests settled after kill (s)", (settledAt - at.Killed).TotalSeconds);
        report.Metric("all requests settled after the last acknowledgement (s)", (settledAt - at.Filed).TotalSeconds);
        Assert.Empty(settled.Missing());
        Assert.Empty(settled.DoubleBookings());
        Assert.Empty(settled.Disagreements());
    }
}
