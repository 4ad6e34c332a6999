using Kring.Balance;
using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>
/// The retention sweep on the manual clock: closed requests, past bookings, old access-log entries and check-ins go; the village's
/// figures keep counting them, anonymously.
/// </summary>
public sealed class RetentionTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private readonly World _world = new(cluster.Client);

    private static AccessEntry View(string route) => new(default, "consulent", Role.CarerConsultant, AccessKind.CircleViewed, route);

    [Fact]
    public async Task Closed_requests_bookings_and_access_entries_go_after_their_retention_and_the_counts_stay()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleId = await w.Circle(village, "kring");
        var vera = await w.Volunteer("vera", village, new AvailabilityDto(
            [new WeeklySlotDto(DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(17, 0))], [], false));
        var circle = w.Circle(circleId);
        var sweep = cluster.Client.GetGrain<IRetentionGrain>(village);
        var retention = new RetentionOptions();
        await w.Access(circleId).Record(View("GET /eerst"));
        await circle.RecordCheckIn(World.Answers(BalanceCheck.Max), "consulent");

        var helped = w.Request("geholpen", World.Wednesday10.AddDays(-1), TimeSpan.FromHours(1));
        await circle.SubmitRequest(helped);
        Assert.Equal(OfferReply.Accepted, await w.Volunteer(vera).Accept((await w.PendingOffer(vera, helped.Id)).Id));
        var cancelled = w.Request("afgezegd", World.Wednesday10, TimeSpan.FromHours(1));
        await circle.SubmitRequest(cancelled);
        await circle.CancelRequest(cancelled.Id, "test");
        await cluster.AdvanceClock(TimeSpan.FromHours(27));

        // Closed, but not long enough ago.
        Assert.Equal(new RetentionReport(0, 0, 0), await sweep.Sweep());
        Assert.Equal(2, (await circle.Get())!.Requests.Count);

        await cluster.AdvanceClock(retention.ClosedRequests + TimeSpan.FromDays(2));
        await w.Access(circleId).Record(View("GET /later"));
        var recent = w.Request("recent", cluster.Clock.GetUtcNow().AddDays(7), TimeSpan.FromHours(1));
        await circle.SubmitRequest(recent);
        await circle.CancelRequest(recent.Id, "test");
        var before = await w.VillageGrain(village).GetOverview();

        Assert.Equal(new RetentionReport(2, 1, 0), await sweep.Sweep());

        Assert.Equal([recent.Id], (await circle.Get())!.Requests.Select(r => r.Id));
        Assert.Empty(await w.Volunteer(vera).GetAssignments());
        Assert.Null(await w.OfferFor(vera, helped.Id));
        Assert.Equal(before, await w.VillageGrain(village).GetOverview());
        var tracked = (await w.VillageGrain(village).GetMembers()).Requests.ToDictionary(r => r.Id);
        Assert.Equal((RequestStatus.Matched, "", 0),
            (tracked[helped.Id].Status, tracked[helped.Id].CircleId, tracked[helped.Id].PreviousVolunteers.Count));
        Assert.Equal((RequestStatus.Cancelled, ""), (tracked[cancelled.Id].Status, tracked[cancelled.Id].CircleId));
        Assert.Equal(circleId, tracked[recent.Id].CircleId);
        Assert.Equal(new RetentionReport(0, 0, 0), await sweep.Sweep());

        // A village stores only the anonymous requests and asks its circles for the rest when it starts again.
        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(before, await w.VillageGrain(village).GetOverview());
        Assert.Equal(tracked.Values.Select(Seen).Order(), (await w.VillageGrain(village).GetMembers()).Requests.Select(Seen).Order());

        // The access log keeps two years: the first entry is past that now, and no longer shown even before the sweep.
        Assert.Equal(2, (await w.Access(circleId).Read()).Count);
        await cluster.AdvanceClock(retention.AccessLog - retention.ClosedRequests);
        Assert.Equal(["GET /later"], (await w.Access(circleId).Read()).Select(e => e.Route));
        Assert.Equal(new RetentionReport(0, 0, 1, 1), await sweep.Sweep());
        Assert.Empty(await circle.GetCheckIns());
        Assert.Equal((0, 1), await w.Access(circleId).Prune(cluster.Clock.GetUtcNow() - retention.AccessLog));
    }

    [Fact]
    public async Task An_access_log_keeps_every_entry_in_full_pages_newest_first()
    {
        var log = _world.Access(_world.Id("groot"));
        // More than the 10,000 entries the log used to stop at.
        var total = 41 * AccessLogGrain.PageSize + 10;
        for (var i = 0; i < total; i++) await log.Record(View($"GET /{i}"));

        var entries = await log.Read();
        Assert.Equal(total, entries.Count);
        Assert.Equal(Enumerable.Range(0, total).Reverse().Select(i => $"GET /{i}"), entries.Select(e => e.Route));
        Assert.All(entries, e => Assert.Equal(cluster.Clock.GetUtcNow(), e.At));

        Assert.Equal((total, 0), await log.Prune(DateTimeOffset.MaxValue));
        Assert.Empty(await log.Read());
    }

    [Fact]
    public async Task The_same_view_again_within_the_window_is_merged_into_its_entry_with_a_count_and_the_last_time()
    {
        var log = _world.Access(_world.Id("lijst"));
        var listed = new AccessEntry(default, "dorp-elsloo", Role.VillageContact, AccessKind.Listed, "GET /Dorp");
        var first = cluster.Clock.GetUtcNow();
        await log.Record(listed);
        await cluster.AdvanceClock(AccessLogGrain.MergeWindow / 2);
        var second = cluster.Clock.GetUtcNow();
        await log.Record(listed);
        await log.Record(listed with { UserName = "consulent", Role = Role.CarerConsultant });
        await log.Record(listed with { Route = "GET /api/v1/villages/elsloo/overview" });
        await log.Record(listed with { Kind = AccessKind.CircleViewed });
        await log.Record(listed with { Kind = AccessKind.CircleViewed });
        await log.Record(listed with { Kind = AccessKind.CircleViewed, RequestId = "v-1" });
        await cluster.AdvanceClock(AccessLogGrain.MergeWindow);
        await log.Record(listed);

        var entries = (await log.Read()).Reverse().Select(e => (e.UserName, e.Kind, e.Route, e.RequestId, e.Times)).ToList();
        Assert.Equal(
            [
                ("dorp-elsloo", AccessKind.Listed, "GET /Dorp", null, 2),
                ("consulent", AccessKind.Listed, "GET /Dorp", null, 1),
                ("dorp-elsloo", AccessKind.Listed, "GET /api/v1/villages/elsloo/overview", null, 1),
                ("dorp-elsloo", AccessKind.CircleViewed, "GET /Dorp", null, 2),
                ("dorp-elsloo", AccessKind.CircleViewed, "GET /Dorp", "v-1", 1),
                ("dorp-elsloo", AccessKind.Listed, "GET /Dorp", null, 1),
            ],
            entries);
        var read = await log.Read();
        var merged = read[^1];
        Assert.Equal((first, second), (merged.At, merged.LastAt));

        // Retention counts from the last view: the merged entry outlives its first view.
        Assert.Equal((0, 6), await log.Prune(second));
        Assert.Equal((5, 1), await log.Prune(second.AddTicks(1)));
    }

    [Fact]
    public async Task A_village_that_does_not_exist_has_nothing_to_sweep() =>
        Assert.Equal(new RetentionReport(0, 0, 0), await cluster.Client.GetGrain<IRetentionGrain>(_world.Id("nergens")).Sweep());

    private static (string Id, RequestStatus Status, string CircleId, int Needs) Seen(RequestSummary r) =>
        (r.Id, r.Status, r.CircleId, r.Needs.Count);
}
