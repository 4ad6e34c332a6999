using Kring.Balance;
using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>
/// A referral stays on the consultant's list until handled, whatever the carer's check-ins say, and goes with an erasure.
/// </summary>
public sealed class ContactLogTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private readonly World _world = new(cluster.Client);
    private ISignalsGrain Signals => cluster.Client.GetGrain<ISignalsGrain>(DirectoryKeys.Default);

    [Fact]
    public async Task A_referral_outlives_a_good_check_in_and_leaves_when_handled()
    {
        var w = _world;
        var circleId = await w.Circle(await w.Village("dorp"), "kring");
        var circle = w.Circle(circleId);

        await circle.RecordCheckIn(World.Answers(BalanceCheck.Max), "mantelzorger");
        var referral = Contact(ContactKind.Referral, "Zoekt hulp voor de nacht.");
        Assert.Equal(referral, await circle.LogContact(referral));
        Assert.Equal(referral, await circle.LogContact(referral with { Note = "een tweede keer" }));
        Assert.Equal(2, (await Signals.GetSignals()).Count(s => s.CircleId == circleId));
        var first = (await Signals.GetSignals()).First(s => s.CircleId == circleId);
        Assert.Equal(("Zoekt hulp voor de nacht.", "Els Dorpsen, dorpscontactpersoon"), (first.Reason, first.Source));

        await circle.RecordCheckIn(World.Answers(BalanceCheck.Min), "mantelzorger");
        var left = Assert.Single(await Signals.GetSignals(), s => s.CircleId == circleId);
        Assert.NotNull(left.Source);

        await Signals.Handled(circleId);
        Assert.DoesNotContain(await Signals.GetSignals(), s => s.CircleId == circleId);
        Assert.Single(await circle.GetContacts());
    }

    [Fact]
    public async Task Erasure_takes_the_contacts_and_the_referral()
    {
        var w = _world;
        var circleId = await w.Circle(await w.Village("dorp"), "kring");
        var circle = w.Circle(circleId);
        await circle.LogContact(Contact(ContactKind.Call, "Gebeld."));
        await circle.LogContact(Contact(ContactKind.Referral, "Graag bellen."));

        await circle.Erase("consulent");

        Assert.Empty(await circle.GetContacts());
        Assert.DoesNotContain(await Signals.GetSignals(), s => s.CircleId == circleId);
    }

    private static CircleContact Contact(ContactKind kind, string note) =>
        new("k-" + Guid.NewGuid().ToString("N")[..12], kind, DateOnly.FromDateTime(DateTime.UtcNow), note, "dorp-dorp",
            "Els Dorpsen, dorpscontactpersoon", DateTimeOffset.UtcNow);
}
