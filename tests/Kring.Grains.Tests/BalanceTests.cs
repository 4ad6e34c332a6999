using Kring.Balance;
using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>A heavy burden reaches the consultant and changes who gets help first.</summary>
public sealed class BalanceTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private readonly World _world = new(cluster.Client);

    [Fact]
    public async Task Answering_every_question_at_its_maximum_raises_a_signal_for_the_consultant()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleId = await w.Circle(village, "kring");

        var checkIn = await w.Circle(circleId).RecordCheckIn(World.Answers(BalanceCheck.Max), "consulent");

        Assert.Equal((100, BalanceLevel.Overloaded), (checkIn.Score, checkIn.Level));
        var signal =
            Assert.Single(await cluster.Client.GetGrain<ISignalsGrain>(DirectoryKeys.Default).GetSignals(), s => s.CircleId == circleId);
        Assert.Equal(BalanceLevel.Overloaded, signal.Level);
        Assert.Single(await w.Circle(circleId).GetCheckIns());

        // Doing better again clears the signal; the history keeps both check-ins.
        await w.Circle(circleId).RecordCheckIn(World.Answers(BalanceCheck.Min), "consulent");
        Assert.DoesNotContain(await cluster.Client.GetGrain<ISignalsGrain>(DirectoryKeys.Default).GetSignals(), s =>
            s.CircleId == circleId);
        Assert.Equal(2, (await w.Circle(circleId).GetCheckIns()).Count);
    }

    [Fact]
    public async Task A_rising_score_raises_a_signal_before_it_is_high()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleId = await w.Circle(village, "kring");
        await w.Circle(circleId).RecordCheckIn(World.Answers(1), "mantelzorger");
        var rising = await w.Circle(circleId).RecordCheckIn(World.Answers(3), "mantelzorger");

        Assert.Equal(BalanceLevel.Attention, rising.Level);
        var signal =
            Assert.Single(await cluster.Client.GetGrain<ISignalsGrain>(DirectoryKeys.Default).GetSignals(), s => s.CircleId == circleId);
        Assert.Contains("Stijgende", signal.Reason);
    }

    [Fact]
    public async Task Incomplete_or_out_of_range_answers_are_refused()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var circleId = await w.Circle(village, "kring");
        var answers = new Dictionary<string, int>(World.Answers(3)) { [BalanceCheck.Questions[0].Id] = 9 };

        await Assert.ThrowsAsync<ArgumentException>(() => w.Circle(circleId).RecordCheckIn(answers, "x"));
        Assert.Empty(await w.Circle(circleId).GetCheckIns());
    }

    [Fact]
    public async Task An_overloaded_carers_request_is_offered_before_an_otherwise_equal_one()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var calm = await w.Circle(village, "rustig");
        var overloaded = await w.Circle(village, "overbelast");
        await w.Circle(overloaded).RecordCheckIn(World.Answers(BalanceCheck.Max), "consulent");

        // The calm carer asks first, and their request also sorts first by id; nobody can help yet, so both wait.
        var first = w.Request("a-eerst", World.Wednesday10, TimeSpan.FromHours(2));
        var second = w.Request("z-daarna", World.Wednesday10, TimeSpan.FromHours(2));
        await w.Circle(calm).SubmitRequest(first);
        await w.Circle(overloaded).SubmitRequest(second);
        await w.PendingBecomes(2);

        var volunteer = await w.Volunteer("vera", village);

        await w.PendingOffer(volunteer, second.Id);
        Assert.Null(await w.OfferFor(volunteer, first.Id));
    }
}
