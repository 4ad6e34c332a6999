using System.Text.Json;
using Kring.Grains.Tests.Infrastructure;
using Kring.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Kring.Grains.Tests;

/// <summary>
/// The embedded default for real: <see cref="SiloHosting.UseKringEmbedded"/> with SQLite through Orleans' ADO.NET grain
/// storage, our schema script, the seed service (without the demo population) and the real clock.
/// </summary>
public sealed class SqliteStorageTests : IDisposable
{
    private const string ServiceId = "kring-sqlite-tests";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "kring-grains-tests-" + Guid.NewGuid().ToString("N"));
    private readonly IConfiguration _configuration;

    public SqliteStorageTests()
    {
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kring:DataDirectory"] = _dataDirectory,
            ["Kring:Demo"] = "false",
            ["Kring:Matching:WaveSize"] = "1",
        }).Build();
    }

    private KringSettings Settings => _configuration.GetSection(KringSettings.Section).Get<KringSettings>()!;

    private async Task<InProcessTestCluster> StartSilo()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        // The ADO.NET storage keys every row by service id; a restarted silo must use the same one.
        builder.Options.ServiceId = ServiceId;
        builder.ConfigureSilo((_, silo) => silo.UseKringEmbedded(_configuration));
        // The embedded silo's gateway speaks mutual TLS with the certificate in its data directory.
        builder.ConfigureClient(client => client.UseClusterTls(ClusterCertificate.For(Settings, clusterMode: false)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    [Fact]
    public async Task The_schema_is_created_on_first_start_applying_it_again_changes_nothing_and_the_journal_is_wal()
    {
        Assert.False(File.Exists(Settings.SqlitePath));

        await using (var cluster = await StartSilo())
        {
            // The seed service wrote through the provider, so the tables and queries work.
            Assert.NotEmpty(await cluster.Client.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages());
        }

        Assert.True(File.Exists(Settings.SqlitePath));
        using var connection = Open();
        Assert.Equal(["KringSchema", "OrleansQuery", "OrleansStorage"],
            Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").Select(r => (string)r[0]!));
        Assert.Equal(["ClearStorageKey", "ReadFromStorageKey", "WriteToStorageKey"],
            Query(connection, "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey").Select(r => (string)r[0]!));
        Assert.Equal([(1L, "001_grain_storage.sql")],
            Query(connection, "SELECT Version, Script FROM KringSchema").Select(r => ((long)r[0]!, (string)r[1]!)));
        var before = Snapshot(connection);
        Assert.NotEmpty(Query(connection, "SELECT 1 FROM OrleansStorage"));

        Assert.Equal(0, SqliteSchema.EnsureCreated(Settings.SqliteConnectionString));
        // Even the raw script, run again past the bookkeeping, leaves schema and data as they were.
        Execute(connection, File.ReadAllText(Path.Combine(SqliteSchema.ScriptDirectory, "001_grain_storage.sql")));

        Assert.Equal(before, Snapshot(connection));
        Assert.Equal("wal", Query(connection, "PRAGMA journal_mode").Single()[0]);
    }

    [Fact]
    public async Task State_written_before_a_restart_is_read_back_after_it()
    {
        var region = "proef" + Guid.NewGuid().ToString("N")[..8];
        var (written, before) = await WriteAMatchedAndAnOpenRequest(region);
        await AssertReadBackAndWritesCarryOn(region, written, before);
        await AssertTheWritesAfterTheRestartWereStored(region, written);
    }

    /// <summary>The ids the first silo wrote, for the silos after it to read back.</summary>
    private sealed record Written(string VillageId, string CircleId, string Vera, NewHelpRequest Matched, NewHelpRequest Open);

    /// <summary>First silo: a volunteer with an account, one request matched to them and one left open.</summary>
    private async Task<(Written Written, string Everything)> WriteAMatchedAndAnOpenRequest(string region)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var day = DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(7), DateTimeKind.Unspecified);
        var startLocal = day.AddHours(10);
        var start = new DateTimeOffset(startLocal, zone.GetUtcOffset(startLocal));
        var everyDay = new AvailabilityDto(
            Enum.GetValues<DayOfWeek>().Select(d => new WeeklySlotDto(d, new TimeOnly(8, 0), new TimeOnly(20, 0))).ToList(), [], false);

        await using var cluster = await StartSilo();
        var w = new World(cluster.Client, region);
        var villageId = await w.Village("proefdorp");
        var circleId = await w.Circle(villageId, "kring", carerAge: 19);
        var vera = await w.Volunteer("vera", villageId, everyDay, skills: ["dementia"]);
        await cluster.Client.GetGrain<IAccountGrain>("vera").Set(
            new AccountRecord("vera", "Vera", "hash", Role.Volunteer, villageId, vera, null, null));

        var matchedRequest = w.Request("hulp", start, TimeSpan.FromHours(2), "dementia");
        var openRequest = w.Request("rolstoel", start.AddDays(1), TimeSpan.FromHours(2), "wheelchair");
        await w.Circle(circleId).SubmitRequest(matchedRequest);
        await w.Circle(circleId).SubmitRequest(matchedRequest);
        await w.Circle(circleId).SubmitRequest(openRequest);
        var offer = await w.PendingOffer(vera, matchedRequest.Id);
        Assert.Equal(OfferReply.Accepted, await w.Volunteer(vera).Accept(offer.Id));
        await w.PendingBecomes(1);

        var before = await Everything(cluster.Client, villageId, circleId, vera);
        return (new Written(villageId, circleId, vera, matchedRequest, openRequest), before);
    }

    /// <summary>Second silo: everything reads back as the first left it, and new writes carry on from the stored versions.</summary>
    private async Task AssertReadBackAndWritesCarryOn(string region, Written written, string before)
    {
        var (villageId, circleId, vera, matchedRequest, openRequest) = written;
        await using var cluster = await StartSilo();
        var w = new World(cluster.Client, region);
        Assert.Equal(before, await Everything(cluster.Client, villageId, circleId, vera));

        var circle = (await w.Circle(circleId).Get())!;
        Assert.Equal([RequestStatus.Matched, RequestStatus.Open], circle.Requests.Select(r => r.Status));
        Assert.Equal(vera, circle.Requests[0].VolunteerId);
        Assert.Equal(matchedRequest.Id, Assert.Single(await w.Volunteer(vera).GetAssignments()).RequestId);
        var overview = await w.VillageGrain(villageId).GetOverview();
        Assert.Equal((1, 1, 1, 1, 0, 1),
            (overview.Carers, overview.YoungCarers, overview.Volunteers, overview.Open, overview.Offered, overview.Matched));
        Assert.Equal(1, await w.Shard().PendingCount());
        Assert.NotNull(await cluster.Client.GetGrain<ISeedGrain>("stein").GetLoadedVersion());

        // Writes after the restart carry on from the stored versions.
        var offer = (await w.OfferFor(vera, matchedRequest.Id))!;
        Assert.Equal(OfferReply.AlreadyAccepted, await w.Volunteer(vera).Accept(offer.Id));
        Assert.Equal(RequestStatus.Cancelled, (await w.Circle(circleId).CancelRequest(openRequest.Id, "carer"))!.Status);
        await w.PendingBecomes(0);
    }

    /// <summary>Third silo: the cancellation made after the first restart is there too.</summary>
    private async Task AssertTheWritesAfterTheRestartWereStored(string region, Written written)
    {
        await using var cluster = await StartSilo();
        var w = new World(cluster.Client, region);
        Assert.Equal(RequestStatus.Cancelled, (await w.RequestIn(written.CircleId, written.Open.Id)).Status);
        Assert.Equal(0, await w.Shard().PendingCount());
    }

    /// <summary>Everything the cluster knows, as JSON, so two silos' views compare field by field.</summary>
    private static async Task<string> Everything(IGrainFactory grains, string villageId, string circleId, string volunteerId)
    {
        var volunteer = grains.GetGrain<IVolunteerGrain>(volunteerId);
        var village = grains.GetGrain<IVillageGrain>(villageId);
        var members = await village.GetMembers();
        // The village's view of a request is rebuilt from its circle, which knows more by now (earlier helpers), so only
        // what the circle said when it changed the request is compared.
        var requests = members.Requests.Select(r => new { r.Id, r.CircleId, r.Kind, r.Status, r.Start, r.End, r.MatchedAt });
        return JsonSerializer.Serialize(new object?[]
        {
            (await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages()).Single(v => v.Id == villageId),
            await village.GetInfo(),
            await village.GetOverview(),
            members with { Requests = [] },
            requests,
            await grains.GetGrain<ICarerCircleGrain>(circleId).Get(),
            await volunteer.GetProfile(),
            await volunteer.GetAvailability(),
            await volunteer.GetOffers(),
            await volunteer.GetAssignments(),
            await grains.GetGrain<IAccountGrain>("vera").Get(),
        });
    }

    [Fact]
    public async Task An_account_stored_with_the_old_lockout_is_not_locked_after_the_upgrade()
    {
        await using (var cluster = await StartSilo())
        {
            await cluster.Client.GetGrain<IAccountGrain>("oud-account").Set(
                new AccountRecord("oud-account", "Oud Account", "hash", Role.VillageContact, "dorp", null, null, null));
        }

        // What the version with the lockout stored: five failures and a lock far into the future, no throttles.
        using (var connection = Open())
        {
            var row = Query(connection,
                "SELECT GrainTypeString, GrainIdExtension, PayloadBinary FROM OrleansStorage WHERE GrainIdExtension LIKE '%oud-account%'")
                .Single(r => ((byte[])r[2]!).Length > 0 && System.Text.Encoding.UTF8.GetString((byte[])r[2]!)
                    .Contains("PasswordHash", StringComparison.OrdinalIgnoreCase));
            var state = System.Text.Json.Nodes.JsonNode.Parse((byte[])row[2]!)!.AsObject();
            foreach (var name in state.Select(p => p.Key).Where(k => k is "Throttles" or "RecentFailures" or "LastAlarm")
                .ToList()) state.Remove(name);
            Assert.True(state.ContainsKey("FailedSignIns"), state.ToJsonString());
            state["FailedSignIns"] = 0;
            state["LockedUntil"] = "2100-01-01T00:00:00+00:00";
            state["LastFailedSignIn"] = "2099-12-31T23:45:00+00:00";
            using var update = connection.CreateCommand();
            update.CommandText =
                "UPDATE OrleansStorage SET PayloadBinary = $payload WHERE GrainTypeString = $type AND GrainIdExtension = $key";
            update.Parameters.AddWithValue("$payload", System.Text.Encoding.UTF8.GetBytes(state.ToJsonString()));
            update.Parameters.AddWithValue("$type", row[0]);
            update.Parameters.AddWithValue("$key", row[1]);
            Assert.Equal(1, update.ExecuteNonQuery());
        }

        await using (var cluster = await StartSilo())
        {
            var account = cluster.Client.GetGrain<IAccountGrain>("oud-account");
            Assert.Null((await account.GetStatus())!.ThrottledUntil);
            Assert.Null(await account.ThrottledFor("198.51.100.1"));
            Assert.True((await account.SignInAttempt("198.51.100.1", passwordValid: true)).Allowed);
            // Failures now throttle the client that makes them, and are stored with the rest.
            for (var i = 0; i < AccountGrain.FreeFailures; i++) await account.SignInAttempt("198.51.100.1", false);
            Assert.NotNull(await account.ThrottledFor("198.51.100.1"));
        }
    }

    private SqliteConnection Open()
    {
        // A private connection (not the shared cache the silo uses) to look at the file itself.
        var connection = new SqliteConnection($"Data Source={Settings.SqlitePath};Pooling=False");
        connection.Open();
        return connection;
    }

    private static string Snapshot(SqliteConnection connection) => string.Join("\n",
        Query(connection, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
            .Concat(Query(connection, "SELECT QueryKey, QueryText FROM OrleansQuery ORDER BY QueryKey"))
            .Concat(Query(connection, "SELECT Version, Script, AppliedOn FROM KringSchema ORDER BY Version"))
            .Concat(Query(connection,
                "SELECT ServiceId, GrainTypeString, GrainIdExtension, Version, hex(PayloadBinary) FROM OrleansStorage ORDER BY 1, 2, 3"))
            .Select(row => string.Join(" | ", row)));

    private static List<object?[]> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still held open only leaves a temp directory behind.
        }
    }
}
