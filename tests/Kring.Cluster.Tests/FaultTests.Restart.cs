using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Kring.Cluster.Tests.Processes;

namespace Kring.Cluster.Tests;

public sealed partial class FaultTests
{
    [Fact]
    public async Task Restarting_the_whole_cluster_brings_back_every_request_status_assignment_and_availability()
    {
        var test = Stopwatch.StartNew();
        var artefacts = Artefacts.For("restart-the-cluster");
        var report = new Report(Output, artefacts);
        await using var cluster = await ProcessCluster.Start(await SeededDatabase(), "restart", 2, artefacts, FastRecovery, Output);
        try
        {
            var grains = cluster.Client;
            await RegisterVolunteers(grains, "v-restart", 20);
            var volunteers = await ClusterState.AllVolunteers(grains);
            using var consultant = await cluster.SignIn("consulent", HttpTimeout);
            using var volunteer = await cluster.SignIn("vrijwilliger", HttpTimeout);
            var filer = new RequestFiler(consultant, new ApiCalls());
            var availability = await SetAWeek(volunteer);

            // 200 requests matched, with the volunteers racing for them.
            var matched = Workload.Plan("restart", 200, perWindow: 4, Workload.DemoCircles);
            await using (var acceptors = new Acceptors(grains, volunteers, workers: 4))
            {
                await filer.FileAll(matched, concurrency: 8, FilingPatience);
                Assert.Equal(matched.Count, filer.AcknowledgedCount);
                await Settling.AllMatched(grains, Keys(filer.Acknowledged), volunteers, SettlePatience, artefacts);
                report.Line($"200 requests filed and matched; acceptors: {acceptors.Describe()}");
            }
            var (offered, escalated) = await FileTheUnmatched(grains, filer, consultant);
            var all = filer.Acknowledged;

            await Quiet(grains, Keys(all), volunteers);
            var before = await ClusterSnapshot.Take(grains, Keys(all), volunteers);
            await before.Save(Path.Combine(artefacts, "before-restart.txt"));
            var statuses = ClusterState.Read(grains, Keys(all), []);
            report.Line($"before the restart: {(await statuses).Describe()}; {before.Items.Count} items in the snapshot");

            await StopAndRestart(cluster, report);
            grains = cluster.Client;

            await AssertUnchanged(before, await ClusterSnapshot.Take(grains, Keys(all), volunteers), artefacts, report);

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

    private static async Task AssertUnchanged(ClusterSnapshot before, ClusterSnapshot after, string artefacts, Report report)
    {
        await after.Save(Path.Combine(artefacts, "after-restart.txt"));
        var differences = before.Differences(after);
        await File.WriteAllLinesAsync(Path.Combine(artefacts, "differences.txt"), differences);
        report.Line($"after the restart: {differences.Count} of {after.Items.Count} items differ");
        Assert.Empty(differences);
    }

    /// <summary>The demo volunteer's own week, set through the API; returns it as the API shows it.</summary>
    private static async Task<string> SetAWeek(HttpClient volunteer)
    {
        var week = new
        {
            weekly = new[] { new { day = "monday", from = "09:00", to = "12:00" }, new { day = "thursday", from = "13:30", to = "17:00" } },
            daysOff = new[] { "2027-01-04" },
            paused = false,
        };
        using (var put = await volunteer.PutAsJsonAsync("/api/v1/volunteers/me/availability", week)) put.EnsureSuccessStatusCode();
        return await volunteer.GetStringAsync("/api/v1/volunteers/me/availability");
    }

    /// <summary>
    /// 10 requests that nobody can take (a need no volunteer has), which end in a coordinator's queue, and 10 that are
    /// offered while nobody answers, 4 of which the consultant cancels. Returns the offered ones and the escalated ids.
    /// </summary>
    private static async Task<(List<Acknowledged> Offered, HashSet<string> Escalated)> FileTheUnmatched(
        IGrainFactory grains, RequestFiler filer, HttpClient consultant)
    {
        var nobody = Workload.Plan("restart-nobody", 10, perWindow: 1, Workload.DemoCircles.Skip(300).ToList(), firstDay: 20,
            needs: ["gebarentaal"]);
        var unanswered = Workload.Plan("restart-unanswered", 10, perWindow: 1, Workload.DemoCircles.Skip(400).ToList(), firstDay: 21);
        await filer.FileAll([.. nobody, .. unanswered], concurrency: 8, FilingPatience);
        Assert.Equal(220, filer.AcknowledgedCount);
        var all = filer.Acknowledged;
        var offered = all.Where(a => a.Plan.Key.StartsWith("restart-unanswered", StringComparison.Ordinal)).ToList();
        var escalated = all.Where(a => a.Plan.Key.StartsWith("restart-nobody", StringComparison.Ordinal)).Select(a => a.Id).ToHashSet();
        await Eventually.Until(() => ClusterState.Read(grains, Keys(offered), []), s => s.Count(RequestStatus.Offered) == offered.Count,
            "the unanswered requests are offered", SettlePatience, s => s.Describe());
        await Eventually.Until(() => QueuedRequestIds(grains), queued => escalated.IsSubsetOf(queued),
            "the requests nobody can take are in a coordinator's queue", SettlePatience);
        foreach (var cancelled in offered.Take(4))
        {
            using var cancel = await consultant.PostAsync(
                $"/api/v1/circles/{cancelled.Plan.CircleId}/requests/{cancelled.Id}/cancel", null);
            cancel.EnsureSuccessStatusCode();
        }
        return (offered, escalated);
    }

    /// <summary>The ids of the requests in every coordinator's queue.</summary>
    private static async Task<HashSet<string>> QueuedRequestIds(IGrainFactory grains)
    {
        var partners = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetPartners();
        var queues = await Task.WhenAll(partners.Select(p => grains.GetGrain<IPartnerGrain>(p.Id).GetQueue()));
        return queues.SelectMany(q => q).Select(q => q.Request.Id).ToHashSet();
    }

    /// <summary>Stops the web and the silos with SIGTERM, checks that they ended, and starts them again.</summary>
    private static async Task StopAndRestart(ProcessCluster cluster, Report report)
    {
        var stopping = Stopwatch.StartNew();
        var processes = cluster.Silos.Append(cluster.Web).ToList();
        await cluster.Stop();
        Assert.All(processes, p => Assert.True(p.HasExited, $"{p.Name} still runs"));
        report.Metric("stop: web and silos ended after SIGTERM (s)", stopping.Elapsed.TotalSeconds);
        var starting = Stopwatch.StartNew();
        await cluster.Restart();
        report.Metric("restart: silos and web ready again (s)", starting.Elapsed.TotalSeconds);
    }
}
