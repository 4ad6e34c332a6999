using Kring.Hosting;
using Npgsql;

namespace Kring.Cluster.Tests;

public sealed class SchemaTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    /// <summary>Every query key the three Orleans ADO.NET providers look up in OrleansQuery.</summary>
    private static readonly string[] ContractKeys =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey", "UpdateIAmAlivetimeKey",
        "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey", "UpsertReminderRowKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private static int ShippedScripts => Directory.GetFiles(PostgresSchema.ScriptDirectory, "*.sql").Length;

    [Fact]
    public async Task Scripts_apply_once_on_an_empty_database_and_a_second_run_is_a_no_op()
    {
        var db = await server.CreateDatabase();

        Assert.Equal(ShippedScripts, await PostgresSchema.EnsureCreatedAsync(db));
        Assert.Equal(0, await PostgresSchema.EnsureCreatedAsync(db));

        Assert.Equal(Enumerable.Range(1, ShippedScripts), await Sql.Column<int>(db, "SELECT version FROM kring_schema ORDER BY version"));
        var keys = await Sql.Column<string>(db, "SELECT QueryKey FROM OrleansQuery");
        Assert.Empty(ContractKeys.Except(keys));
    }

    [Fact]
    public async Task Silos_starting_together_apply_each_script_exactly_once()
    {
        var db = await server.CreateDatabase();

        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresSchema.EnsureCreatedAsync(db))));

        Assert.Equal(ShippedScripts, applied.Sum());
        Assert.Equal(ShippedScripts, (int)await Sql.Scalar<long>(db, "SELECT count(*) FROM kring_schema"));
    }

    [Fact]
    public async Task A_later_script_applies_to_an_existing_database()
    {
        var db = await server.CreateDatabase();
        using var scripts = new ScriptFolder();
        await PostgresSchema.EnsureCreatedAsync(db, scripts.Path);

        scripts.Add("005_volunteer_notes.sql", "CREATE TABLE volunteer_note (id serial PRIMARY KEY, note text NOT NULL);");

        Assert.Equal(1, await PostgresSchema.EnsureCreatedAsync(db, scripts.Path));
        Assert.Equal(0L, await Sql.Scalar<long>(db, "SELECT count(*) FROM volunteer_note"));
        Assert.Equal("005_volunteer_notes.sql", await Sql.Scalar<string>(db, "SELECT script FROM kring_schema WHERE version = 5"));
    }

    [Fact]
    public async Task A_failing_script_leaves_nothing_behind_and_runs_again_next_time()
    {
        var db = await server.CreateDatabase();
        using var scripts = new ScriptFolder();
        await PostgresSchema.EnsureCreatedAsync(db, scripts.Path);

        scripts.Add("005_broken.sql", "CREATE TABLE half_done (id int); SELECT no_such_function();");
        await Assert.ThrowsAsync<PostgresException>(() => PostgresSchema.EnsureCreatedAsync(db, scripts.Path));
        Assert.False(await Sql.Scalar<bool>(db, "SELECT to_regclass('half_done') IS NOT NULL"));

        scripts.Add("005_broken.sql", "CREATE TABLE half_done (id int);");
        Assert.Equal(1, await PostgresSchema.EnsureCreatedAsync(db, scripts.Path));
    }

    /// <summary>A copy of the shipped scripts that a test can add to.</summary>
    private sealed class ScriptFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("kring-sql-").FullName;

        public ScriptFolder()
        {
            foreach (var script in Directory.GetFiles(PostgresSchema.ScriptDirectory, "*.sql"))
            {
                File.Copy(script, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(script)));
            }
        }

        public void Add(string name, string sql) => File.WriteAllText(System.IO.Path.Combine(Path, name), sql);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
