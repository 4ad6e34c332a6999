using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>The security event log: append-only pages, filters, acknowledgement of new accounts with wide rights, retention.</summary>
public sealed class SecurityLogTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private ISecurityLogGrain Log => cluster.Client.GetGrain<ISecurityLogGrain>(SecurityLogKeys.Default);

    private static string Name(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private static SecurityEvent Event(SecurityEventKind kind, string actor, string subject, bool acknowledge = false) =>
        new(0, default, kind, actor, "192.0.2.1", subject, null, acknowledge);

    [Fact]
    public async Task Events_are_kept_across_pages_newest_first_and_filtered()
    {
        var user = Name("proef");
        var count = SecurityLogGrain.PageSize * 2 + 10;
        for (var i = 0; i < count; i++)
        {
            await Log.Record(Event(i % 2 == 0 ? SecurityEventKind.SignInFailed : SecurityEventKind.SignInSucceeded, user, user));
        }
        var all = await Log.Read(new SecurityEventQuery(User: user, Limit: 1000));
        Assert.Equal(count, all.Count);
        Assert.Equal(all.OrderByDescending(e => e.Id).Select(e => e.Id), all.Select(e => e.Id));
        Assert.Equal(count / 2,
            (await Log.Read(new SecurityEventQuery(SecurityEventKind.SignInFailed, user.ToUpperInvariant(), Limit: 1000))).Count);
        var newest = await Log.Read(new SecurityEventQuery(User: user, Limit: 5));
        Assert.Equal(all.Take(5), newest);
        Assert.Empty(await Log.Read(new SecurityEventQuery(User: user, To: all[^1].At.AddTicks(-1))));
    }

    [Fact]
    public async Task A_new_account_with_wide_rights_waits_for_another_operator()
    {
        var creator = Name("beheer");
        var subject = Name("consulent");
        var id = await Log.Record(Event(SecurityEventKind.AccountCreated, creator, subject, acknowledge: true));
        Assert.Contains(await Log.Unacknowledged(), e => e.Id == id && e.Subject == subject);

        Assert.Equal(AcknowledgeOutcome.ByCreator, await Log.Acknowledge(id, creator, null));
        Assert.Equal(AcknowledgeOutcome.ByCreator, await Log.Acknowledge(id, subject, null));
        Assert.Contains(await Log.Unacknowledged(), e => e.Id == id);
        Assert.Equal(AcknowledgeOutcome.Done, await Log.Acknowledge(id, "andere-beheerder", "192.0.2.2"));
        Assert.DoesNotContain(await Log.Unacknowledged(), e => e.Id == id);
        Assert.Equal(AcknowledgeOutcome.NotFound, await Log.Acknowledge(id, "andere-beheerder", null));
        var acknowledged = Assert.Single(await Log.Read(new SecurityEventQuery(SecurityEventKind.Acknowledged, subject)));
        Assert.Equal(("andere-beheerder", $"#{id}"), (acknowledged.Actor, acknowledged.Detail));
    }

    [Fact]
    public async Task The_retention_sweep_removes_events_older_than_their_retention()
    {
        var world = new World(cluster.Client);
        var village = await world.Village("dorp");
        var old = Name("oud");
        for (var i = 0; i < SecurityLogGrain.PageSize + 5; i++) await Log.Record(Event(SecurityEventKind.SignInFailed, old, old));
        await cluster.AdvanceClock(new RetentionOptions().SecurityEvents - TimeSpan.FromDays(1));
        var recent = Name("nieuw");
        await Log.Record(Event(SecurityEventKind.SignInSucceeded, recent, recent));
        await cluster.AdvanceClock(TimeSpan.FromDays(2));

        // Past retention they are no longer read, and the sweep removes them.
        Assert.Empty(await Log.Read(new SecurityEventQuery(User: old)));
        var report = await cluster.Client.GetGrain<IRetentionGrain>(village).Sweep();
        Assert.True(report.SecurityEvents >= SecurityLogGrain.PageSize + 5, $"removed {report.SecurityEvents}");
        Assert.Single(await Log.Read(new SecurityEventQuery(User: recent)));
        Assert.Equal(0, (await cluster.Client.GetGrain<IRetentionGrain>(village).Sweep()).SecurityEvents);
    }
}
