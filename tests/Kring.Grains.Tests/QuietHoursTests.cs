using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

public sealed class QuietHoursTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private static readonly ContactDetails Evenings =
        new("x@example.org", null, QuietFrom: new TimeOnly(21, 0), QuietUntil: new TimeOnly(8, 0));

    /// <summary>A local Amsterdam time in January (UTC+1).</summary>
    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2030, 1, day, hour, minute, 0, World.Cet);

    [Fact]
    public void Quiet_hours_across_midnight_hold_mail_until_they_end_unless_the_help_is_within_a_day()
    {
        var farAhead = At(20, 10);
        Assert.Null(QuietHours.Until(Evenings, At(7, 20, 59), farAhead));
        Assert.Equal(At(8, 8), QuietHours.Until(Evenings, At(7, 21), farAhead));
        Assert.Equal(At(8, 8), QuietHours.Until(Evenings, At(8, 7, 59), farAhead));
        Assert.Null(QuietHours.Until(Evenings, At(8, 8), farAhead));
        Assert.Null(QuietHours.Until(Evenings, At(7, 23), At(8, 22)));
        Assert.Null(QuietHours.Until(Evenings with { QuietFrom = null }, At(7, 23), farAhead));
        var lunch = Evenings with { QuietFrom = new TimeOnly(12, 0), QuietUntil = new TimeOnly(13, 30) };
        Assert.Equal(At(7, 13, 30), QuietHours.Until(lunch, At(7, 12, 15), farAhead));
        Assert.Null(QuietHours.Until(lunch, At(7, 13, 30), farAhead));
    }

    [Fact]
    public async Task An_offer_mail_made_in_quiet_hours_waits_in_the_outbox_until_they_end()
    {
        var w = new World(cluster.Client);
        var village = await w.Village("stil");
        var circleId = await w.Circle(village, "kring");
        var volunteerId = await w.Volunteer("vera", village);
        const string address = "quiet-vera@example.org";
        var now = Amsterdam.ToLocal(cluster.Clock.GetUtcNow());
        var quietUntil = TimeOnly.FromDateTime(now.DateTime).AddHours(1);
        await w.Volunteer(volunteerId).SetContact(new ContactDetails(address, null,
            QuietFrom: TimeOnly.FromDateTime(now.DateTime).AddMinutes(-1), QuietUntil: quietUntil));
        var start = World.Wednesday10;
        while (start - cluster.Clock.GetUtcNow() < TimeSpan.FromHours(25)) start = start.AddDays(7);
        var request = w.Request("hulp", start, TimeSpan.FromHours(2));

        await w.Circle(circleId).SubmitRequest(request);
        var offer = await w.PendingOffer(volunteerId, request.Id);
        var outbox = w.Grains.GetGrain<IMailOutboxGrain>(MailOutboxes.For(address));
        Assert.Contains($"offer/{offer.Id}", (await outbox.GetStatus()).PendingIds!);
        Assert.DoesNotContain(await outbox.Lease(100), m => m.Id == $"offer/{offer.Id}");

        cluster.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Contains(await outbox.Lease(100), m => m.Id == $"offer/{offer.Id}");
    }
}
