using Kring.Balance;
using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>
/// The limits the grains keep on writes (Kring:Limits, defaults here): open requests per circle, check-ins per day and
/// one network rating per partner per quarter. The grain is the authority, so no number of web servers gets past them.
/// </summary>
public sealed class LimitsTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private readonly World _world = new(cluster.Client);
    private static readonly LimitOptions Defaults = new();

    [Fact]
    public async Task A_circle_has_at_most_the_limit_of_open_requests_and_a_series_counts_each_occurrence()
    {
        var w = _world;
        var circleId = await w.Circle(await w.Village("dorp"), "vol");
        var circle = w.Circle(circleId);
        var first = cluster.Clock.GetUtcNow().AddDays(2);
        NewHelpRequest Day(int day) => w.Request($"dag-{day}", first.AddDays(day), TimeSpan.FromHours(1));

        // A series of all but one, then one more: exactly the limit.
        var limit = Defaults.OpenRequestsPerCircle;
        Assert.Equal(limit - 1, (await circle.SubmitSeries(Enumerable.Range(0, limit - 1).Select(Day).ToList())).Count);
        await circle.SubmitRequest(Day(limit - 1));

        var refused = await Assert.ThrowsAsync<LimitReachedException>(() => circle.SubmitRequest(Day(limit)));
        Assert.Equal("Te veel openstaande hulpvragen.", refused.Title);
        Assert.Contains($"hooguit {limit}", refused.Message);
        // Filing the same request again is still answered: it is no new request.
        Assert.Equal(Day(0).Id, (await circle.SubmitRequest(Day(0))).Id);

        // With room for one, a series of two is refused as a whole.
        await circle.CancelRequest(Day(0).Id, "test");
        await Assert.ThrowsAsync<LimitReachedException>(() => circle.SubmitSeries([Day(limit), Day(limit + 1)]));
        Assert.Null(await circle.GetRequest(Day(limit).Id));
        await circle.SubmitRequest(Day(limit));
        Assert.Equal(limit, (await circle.Get())!.Requests.Count(r => r.Status is RequestStatus.Open or RequestStatus.Offered));

        // A request whose start has passed no longer counts as open.
        await cluster.AdvanceClock(first.AddDays(1).AddHours(1) - cluster.Clock.GetUtcNow());
        await circle.SubmitRequest(Day(limit + 2));
        await Assert.ThrowsAsync<LimitReachedException>(() => circle.SubmitRequest(Day(limit + 3)));
    }

    [Fact]
    public async Task Check_ins_are_limited_per_calendar_day_in_Amsterdam()
    {
        var w = _world;
        var circleId = await w.Circle(await w.Village("dorp"), "balans");
        var circle = w.Circle(circleId);
        for (var i = 0; i < Defaults.CheckInsPerDay; i++) await circle.RecordCheckIn(World.Answers(2), "mantelzorger");

        var refused = await Assert.ThrowsAsync<LimitReachedException>(() => circle.RecordCheckIn(World.Answers(5), "mantelzorger"));
        Assert.Contains($"vandaag al {Defaults.CheckInsPerDay} keer ingevuld", refused.Message);
        Assert.Equal(Defaults.CheckInsPerDay, (await circle.GetCheckIns()).Count);

        // Midnight in Amsterdam, not in UTC, starts the next day.
        var local = TimeZoneInfo.ConvertTime(cluster.Clock.GetUtcNow(), Kring.Matching.Availability.Amsterdam);
        var midnight = new DateTimeOffset(local.Date.AddDays(1), local.Offset);
        await cluster.AdvanceClock(midnight.AddMinutes(1) - cluster.Clock.GetUtcNow());
        Assert.NotEqual(0, cluster.Clock.GetUtcNow().Hour);
        await circle.RecordCheckIn(World.Answers(5), "mantelzorger");
        Assert.Equal(Defaults.CheckInsPerDay + 1, (await circle.GetCheckIns()).Count);
    }

    [Fact]
    public async Task A_partner_has_one_network_rating_per_village_per_quarter_and_a_new_one_replaces_it()
    {
        var network = cluster.Client.GetGrain<INetworkHealthGrain>(_world.Id("netwerk"));
        var answers = (int value) => NetworkQuestions.Questions.ToDictionary(q => q.Id, _ => value);
        var january = new DateTimeOffset(2030, 1, 10, 12, 0, 0, TimeSpan.Zero);

        await network.Rate(new NetworkRating("piw", january, answers(1)));
        await network.Rate(new NetworkRating("piw", january.AddDays(1), answers(2)));
        await network.Rate(new NetworkRating("piw", january.AddDays(60), answers(5)));
        await network.Rate(new NetworkRating("de-brug", january.AddDays(2), answers(4)));
        // 1 April 00:30 in Amsterdam is still 31 March in UTC: the second quarter.
        await network.Rate(new NetworkRating("de-brug", new DateTimeOffset(2030, 3, 31, 22, 30, 0, TimeSpan.Zero), answers(3)));

        var ratings = await network.GetRatings();
        Assert.Equal(
            [("piw", 5), ("de-brug", 4), ("de-brug", 3)],
            ratings.Select(r => (r.PartnerId, r.Answers["ambitie"])));
        Assert.Equal([("2030-K1", 2), ("2030-K2", 1)], NetworkQuestions.Trend(ratings).Select(t => (t.Quarter, t.Ratings)));
    }
}
