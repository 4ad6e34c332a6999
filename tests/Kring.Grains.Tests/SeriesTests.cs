using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>A recurring request goes to one volunteer where possible.</summary>
public sealed class SeriesTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private readonly World _world = new(cluster.Client);

    [Fact]
    public async Task The_volunteer_who_takes_the_first_occurrence_is_asked_for_the_rest_first()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleId = await w.Circle(village, "kring");
        var anna = await w.Volunteer("anna", village);
        var bram = await w.Volunteer("bram", village);
        var series = Enumerable.Range(0, 4)
            .Select(week =>
                w.Request($"week-{week}", World.Wednesday10.AddDays(7 * week), TimeSpan.FromHours(3)) with { SeriesId = w.Id("reeks") })
            .ToList();

        var views = await w.Circle(circleId).SubmitSeries(series);
        Assert.Equal(4, views.Count);
        Assert.All(views, v => Assert.Equal(w.Id("reeks"), v.SeriesId));

        var (first, offer) = await w.TheOneOffered(series[0].Id, anna, bram);
        // Later occurrences wait while the first one is on offer, so they cannot go to someone else first.
        foreach (var later in series.Skip(1))
        {
            Assert.Null(await w.OfferFor(anna, later.Id));
            Assert.Null(await w.OfferFor(bram, later.Id));
        }

        Assert.Equal(OfferReply.Accepted, await w.Volunteer(first).Accept(offer.Id));
        var other = first == anna ? bram : anna;
        foreach (var later in series.Skip(1))
        {
            var next = await w.PendingOffer(first, later.Id);
            Assert.Null(await w.OfferFor(other, later.Id));
            Assert.Equal(OfferReply.Accepted, await w.Volunteer(first).Accept(next.Id));
        }
        Assert.Equal(4, (await w.Volunteer(first).GetAssignments()).Count);
        Assert.Empty(await w.Volunteer(other).GetAssignments());
    }

    [Fact]
    public async Task Submitting_a_series_twice_files_it_once()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleId = await w.Circle(village, "kring");
        var series = Enumerable.Range(0, 3)
            .Select(week =>
                w.Request($"week-{week}", World.Wednesday10.AddDays(7 * week), TimeSpan.FromHours(1)) with { SeriesId = w.Id("reeks") })
            .ToList();

        await w.Circle(circleId).SubmitSeries(series);
        await w.Circle(circleId).SubmitSeries(series);

        Assert.Equal(3, (await w.Circle(circleId).Get())!.Requests.Count);
    }
}
