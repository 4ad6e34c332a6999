using System.Net;
using Kring.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;
using Orleans.Storage;

namespace Kring.Cluster.Tests;

/// <summary>
/// Our PostgreSQL scripts against the edges of Orleans' query contracts, called through the real ADO.NET providers:
/// version conflicts, the membership version protocol and reminder hash ranges that wrap around.
/// </summary>
public sealed class ProviderContractTests(PostgresServer server) : IClassFixture<PostgresServer>, IAsyncLifetime
{
    private string db = "";
    private ClusterSilo silo = null!;

    public async ValueTask InitializeAsync()
    {
        db = await server.CreateDatabase();
        silo = await ClusterSilo.Start(db, "contract");
    }

    public async ValueTask DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task Grain_storage_rejects_writes_with_a_stale_etag()
    {
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(KringStorage.Name);
        var id = GrainId.Create(GrainType.Create("test"), GrainIdKeyExtensions.CreateIntegerKey(42, "ext"));

        var first = new GrainState<CounterState>(new CounterState { Value = 1 });
        await storage.WriteStateAsync("counter", id, first);
        // A second activation that never read the state may not create it again.
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("counter", id, new GrainState<CounterState>(new CounterState { Value = 2 })));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", id, read);
        Assert.Equal((1, first.ETag, true), (read.State!.Value, read.ETag, read.RecordExists));

        read.State.Value = 5;
        await storage.WriteStateAsync("counter", id, read);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", id, first));

        await storage.ClearStateAsync("counter", id, read);
        var cleared = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", id, cleared);
        Assert.Equal((0, false), (cleared.State!.Value, cleared.RecordExists));
        Assert.Equal((0L, 42L, "ext"), await Row(db));

        static async Task<(long, long, string)> Row(string db) =>
            ((await Sql.Column<long>(db, "SELECT grain_id_n0 FROM orleans_grain_state WHERE grain_type = 'counter'")).Single(),
             (await Sql.Column<long>(db, "SELECT grain_id_n1 FROM orleans_grain_state WHERE grain_type = 'counter'")).Single(),
             (await Sql.Column<string>(db, "SELECT grain_id_extension FROM orleans_grain_state WHERE grain_type = 'counter'")).Single());
    }

    [Fact]
    public async Task Membership_changes_need_the_current_table_version()
    {
        var table = new AdoNetClusteringTable(
            silo.Services,
            Options.Create(new ClusterOptions { ServiceId = "kring-tests", ClusterId = "protocol" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = db }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        var empty = await table.ReadAllAsync();
        Assert.Empty(empty.Members);

        var entry = Entry(port: 2001);
        Assert.True(await table.InsertRowAsync(entry, empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(Entry(port: 2002), empty.Version.Next()));
        var one = await table.ReadAllAsync();
        Assert.Equal(empty.Version.Version + 1, one.Version.Version);
        var (stored, etag) = Assert.Single(one.Members);
        Assert.Equal(entry.SiloAddress, stored.SiloAddress);

        // Another silo initialising the table keeps the version there is.
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        Assert.Equal(one.Version.Version, (await table.ReadAllAsync()).Version.Version);

        entry.Status = SiloStatus.Active;
        entry.SuspectTimes = [Tuple.Create(SiloAddress.New(IPAddress.Loopback, 2003, 7), DateTime.UtcNow)];
        Assert.False(await table.UpdateRowAsync(entry, empty.Version.VersionEtag, empty.Version.Next()));
        Assert.True(await table.UpdateRowAsync(entry, etag, one.Version.Next()));
        var alive = DateTime.UtcNow.AddSeconds(5);
        entry.IAmAliveTime = alive;
        await table.UpdateIAmAliveAsync(entry);

        var row = Assert.Single((await table.ReadRowAsync(entry.SiloAddress)).Members).Item1;
        Assert.Equal((SiloStatus.Active, "kring-test-silo", 3001), (row.Status, row.SiloName, row.ProxyPort));
        Assert.Equal(entry.SuspectTimes[0].Item1, Assert.Single(row.SuspectTimes!).Item1);
        Assert.InRange(row.IAmAliveTime, alive.AddMilliseconds(-1), alive.AddMilliseconds(1));
        Assert.Equal(DateTimeKind.Utc, row.IAmAliveTime.Kind);

        // Only dead silos are cleaned up.
        var survivor = Entry(port: 2004);
        var current = await table.ReadAllAsync();
        Assert.True(await table.InsertRowAsync(survivor, current.Version.Next()));
        current = await table.ReadAllAsync();
        entry.Status = SiloStatus.Dead;
        Assert.True(await table.UpdateRowAsync(entry, current.Version.VersionEtag, current.Version.Next()));
        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(survivor.SiloAddress, Assert.Single((await table.ReadAllAsync()).Members).Item1.SiloAddress);
    }

    [Fact]
    public async Task Reminder_ranges_follow_the_hash_ring_including_ranges_that_wrap()
    {
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var grains = Enumerable.Range(0, 64).Select(i => GrainId.Create("ring", $"grain-{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(new ReminderEntry
            {
                GrainId = grain,
                ReminderName = "r",
                StartAt = DateTime.UtcNow.AddHours(1),
                Period = TimeSpan.FromHours(1)
            });
        }

        // Ranges are (begin, end] on the uint ring; some wrap past uint.MaxValue, some past int.MaxValue.
        uint[][] ranges = [[0x1000_0000, 0x3000_0000], [0x4000_0000, 0xC000_0000], [0xF000_0000, 0x1000_0000], [0x7000_0000, 0x6FFF_FFFF]];
        foreach (var range in ranges)
        {
            var (begin, end) = (range[0], range[1]);
            var expected = grains.Where(g => InRange(g.GetUniformHashCode(), begin, end)).ToHashSet();
            // Only this test's grains: the silo also keeps the villages' retention reminders in the table.
            var actual = (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId).Where(grains.Contains).ToHashSet();
            Assert.True(expected.SetEquals(actual), $"range ({begin:X8}, {end:X8}]: expected {expected.Count}, got {actual.Count}");
        }

        var reminder = Assert.Single((await table.ReadRows(grains[0])).Reminders);
        Assert.Equal(TimeSpan.FromHours(1), reminder.Period);
        var newETag = await table.UpsertRow(new ReminderEntry
        {
            GrainId = grains[0],
            ReminderName = "r",
            StartAt = DateTime.UtcNow,
            Period = TimeSpan.FromDays(40)
        });
        Assert.NotEqual(reminder.ETag, newETag);
        Assert.Equal(TimeSpan.FromDays(40), (await table.ReadRow(grains[0], "r"))!.Period);
        Assert.False(await table.RemoveRow(grains[0], "r", reminder.ETag!));
        Assert.True(await table.RemoveRow(grains[0], "r", newETag!));
        Assert.Null(await table.ReadRow(grains[0], "r"));

        static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
    }

    private static MembershipEntry Entry(int port) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 1),
        SiloName = "kring-test-silo",
        HostName = "localhost",
        Status = SiloStatus.Joining,
        ProxyPort = port + 1000,
        StartTime = DateTime.UtcNow,
        IAmAliveTime = DateTime.UtcNow,
    };
}
