using Kring.Balance;
using Kring.Grains.Tests.Infrastructure;
using Kring.Hosting.Seeding;

namespace Kring.Grains.Tests;

/// <summary>
/// The demo's made-up past goes into the circles as if it had happened: the village counts the closed requests for its
/// reports, a carer sliding into overload is a signal, and loading the same past again changes nothing.
/// </summary>
public sealed class DemoHistoryTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private readonly World _world = new(cluster.Client);

    [Fact]
    public async Task A_recorded_past_is_counted_by_the_village_signals_overload_and_is_recorded_once()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circle = await w.Circle(village, "kring");
        var now = cluster.Clock.GetUtcNow();
        var start = now.AddDays(-20);
        PastRequest[] requests =
        [
            new(circle + "-h1", HelpKind.Buddy, start, start.AddHours(3), RequestStatus.Completed, start.AddDays(-3), start.AddDays(-2),
                "v-1", 2.5),
            new(circle + "-h2", HelpKind.Respite, start.AddDays(7), start.AddDays(7).AddHours(2), RequestStatus.Expired,
                start.AddDays(1), null, null, null),
        ];
        CheckIn[] checkIns = [CheckInAt(now.AddDays(-60), 2), CheckInAt(now.AddDays(-5), BalanceCheck.Max)];

        await w.Circle(circle).RecordPast(requests, checkIns);
        await w.Circle(circle).RecordPast(requests, [CheckInAt(now.AddDays(-1), 1)]);

        var tracked = (await w.VillageGrain(village).GetMembers()).Requests.Where(r => r.CircleId == circle).OrderBy(r => r.Start).ToList();
        Assert.Equal([RequestStatus.Completed, RequestStatus.Expired], tracked.Select(r => r.Status));
        Assert.Equal(2.5, tracked[0].HoursGiven);
        Assert.Equal(start.AddDays(-2), tracked[0].MatchedAt);
        var view = (await w.Circle(circle).Get())!;
        Assert.Equal(["v-1"], view.Helpers);
        Assert.Equal(2, view.Requests.Count);
        Assert.Equal(checkIns.Select(c => c.At), (await w.Circle(circle).GetCheckIns()).Select(c => c.At));
        var signal = Assert.Single(await w.Grains.GetGrain<ISignalsGrain>(DirectoryKeys.Default).GetSignals(), s => s.CircleId == circle);
        Assert.Equal(BalanceLevel.Overloaded, signal.Level);

        await Assert.ThrowsAsync<ArgumentException>(() => w.Circle(circle).RecordPast(
            [requests[0] with { Id = circle + "-later", Start = now.AddHours(1), End = now.AddHours(3) }], []));
    }

    [Fact]
    public void The_generated_past_is_six_months_of_closed_requests_with_hours_and_some_carers_sliding_into_overload()
    {
        var seed = SeedFiles.Demo()!;
        var circles = DemoPopulation.Circles(seed);
        var volunteers = DemoPopulation.Volunteers(seed).Select(v => v.Profile).ToList();
        var now = new DateTimeOffset(2030, 1, 7, 12, 0, 0, TimeSpan.Zero);

        var past = DemoHistory.Circles(seed, circles, volunteers, now);

        var requests = past.SelectMany(p => p.Requests).ToList();
        Assert.All(requests, r => Assert.True(r.End < now && r.Start > now.AddMonths(-DemoHistory.Months - 1)));
        Assert.Contains(requests, r => r.Status == RequestStatus.Expired);
        Assert.Contains(requests, r => r.Status == RequestStatus.Cancelled);
        var completed = requests.Where(r => r.Status == RequestStatus.Completed).ToList();
        Assert.True(completed.Count > requests.Count / 2);
        Assert.All(completed, r => Assert.True(r.HoursGiven > 0 && volunteers.Any(v => v.Id == r.VolunteerId)));
        Assert.Contains(past, p => p.CheckIns.Count > 0 && p.CheckIns[^1].Level == BalanceLevel.Overloaded);
        Assert.Equal(past.Select(p => p.CircleId), DemoHistory.Circles(seed, circles, volunteers, now).Select(p => p.CircleId));
    }

    private static CheckIn CheckInAt(DateTimeOffset at, int answer)
    {
        var answers = BalanceCheck.Questions.ToDictionary(q => q.Id, _ => answer);
        var score = BalanceCheck.Score(answers);
        return new CheckIn(at, answers, score, BalanceCheck.Level(score), "demo");
    }
}
