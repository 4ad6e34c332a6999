using Kring.Hosting;
using Kring.Hosting.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Kring.Cluster.Tests;

public sealed class ClusterTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Grain_state_survives_a_silo_restart()
    {
        var db = await server.CreateDatabase();
        await using (var first = await ClusterSilo.Start(db, "restart"))
        {
            Assert.Equal(3, await first.Grains.GetGrain<ICounterGrain>("anna").Add(3));
        }
        Assert.Equal(1L, await Sql.Scalar<long>(db, "SELECT count(*) FROM orleans_grain_state WHERE grain_type = 'counter'"));

        await using var second = await ClusterSilo.Start(db, "restart");
        var counter = second.Grains.GetGrain<ICounterGrain>("anna");
        Assert.Equal(3, await counter.Get());
        // The ETag read back from PostgreSQL must be the one the next write is checked against.
        Assert.Equal(7, await counter.Add(4));
        Assert.Equal(2, await Sql.Scalar<int>(db, "SELECT version FROM orleans_grain_state WHERE grain_type = 'counter'"));
        // Kring's own grains persisted too: the second start read the seed marker and did not load the seed again.
        var region = SeedFiles.Municipality().Region.Id;
        Assert.NotNull(await second.Grains.GetGrain<ISeedGrain>(region).GetLoadedVersion());
        Assert.Equal(1, await Sql.Scalar<int>(db, "SELECT version FROM orleans_grain_state WHERE grain_type = 'seed'"));
    }

    [Fact]
    public async Task Two_silos_form_one_cluster_through_the_membership_table()
    {
        var db = await server.CreateDatabase();
        await using var first = await ClusterSilo.Start(db, "pair");
        await using var second = await ClusterSilo.Start(db, "pair");

        foreach (var silo in new[] { first, second })
        {
            var hosts = await Eventually.Until(
                () => silo.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true),
                h => h.Count == 2, $"{silo.Address} sees both silos as active", Patience);
            Assert.Equal(new[] { first.Address, second.Address }.OrderBy(a => a.ToString()), hosts.Keys.OrderBy(a => a.ToString()));
        }
        Assert.Equal(2L, await Sql.Scalar<long>(db,
            "SELECT count(*) FROM orleans_membership WHERE deployment_id = 'pair' AND status = $1", (int)SiloStatus.Active));
    }

    [Fact]
    public async Task A_client_finds_a_gateway_through_the_membership_table()
    {
        var db = await server.CreateDatabase();
        await using var silo = await ClusterSilo.Start(db, "gateway");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = ("kring-tests", "gateway"))
            .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", db))
            .UseClusterTls(TestCertificate.Load()));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var counter = host.Services.GetRequiredService<IClusterClient>().GetGrain<ICounterGrain>("via-gateway");
            Assert.Equal(2, await counter.Add(2));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_reminder_is_stored_and_fires_on_the_silo_that_replaces_its_own()
    {
        var db = await server.CreateDatabase();
        // Reminders normally tick at most once a minute; a short period keeps the test fast whatever the restart costs.
        static void FastReminders(ISiloBuilder silo) =>
            silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));

        await using (var first = await ClusterSilo.Start(db, "reminders", FastReminders))
        {
            await first.Grains.GetGrain<IReminderProbeGrain>("probe").Arm(due: TimeSpan.FromSeconds(2), period: TimeSpan.FromSeconds(2));
        }
        // The silo arms the villages' retention reminders too, so look for the probe's own row.
        Assert.Equal(ReminderProbeGrain.Reminder, await Sql.Scalar<string>(db,
            "SELECT reminder_name FROM orleans_reminder WHERE reminder_name = $1", ReminderProbeGrain.Reminder));

        await using var second = await ClusterSilo.Start(db, "reminders", FastReminders);
        await Eventually.Until(
            () => second.Grains.GetGrain<IReminderProbeGrain>("probe").TickedOn(),
            silos => silos.Contains(second.Address.ToString()), "the reminder ticks on the new silo", Patience);
    }
}
