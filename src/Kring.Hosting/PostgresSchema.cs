using System.Globalization;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Kring.Hosting;

/// <summary>
/// Creates and upgrades the PostgreSQL schema from the numbered scripts in sql/postgresql (001_*.sql, 002_*.sql, ...).
/// Each script runs once, in its own transaction, and is recorded in kring_schema. A session-level advisory lock
/// serialises silos that start together: the second waits, then finds the scripts recorded and applies nothing.
/// </summary>
public static class PostgresSchema
{
    /// <summary>Arbitrary but fixed: every Kring silo of every version must take the same lock.</summary>
    public const long AdvisoryLockKey = 0x4B52_494E_4701;

    public static string ScriptDirectory => Path.Combine(AppContext.BaseDirectory, "sql", "postgresql");

    /// <summary>
    /// While a silo starts, PostgreSQL may be starting too, or slow to answer on a busy machine: a connection that fails or
    /// times out is tried again for about two minutes before the silo gives up.
    /// </summary>
    private static readonly ResiliencePipeline StartUpRetry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient).Handle<TimeoutException>(),
            MaxRetryAttempts = 8,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(20),
        })
        .Build();

    /// <summary>Applies the scripts not yet recorded and returns how many it applied, waiting for PostgreSQL at start-up.</summary>
    public static int EnsureCreated(string connectionString, string? scriptDirectory = null) =>
        StartUpRetry.ExecuteAsync(async token => await EnsureCreatedAsync(connectionString, scriptDirectory, token))
            .AsTask().GetAwaiter().GetResult();

    public static async Task<int> EnsureCreatedAsync(
        string connectionString, string? scriptDirectory = null, CancellationToken cancellationToken = default)
    {
        var scripts = Directory.GetFiles(scriptDirectory ?? ScriptDirectory, "*.sql")
            .Select(path => (Version: VersionOf(path), Path: path))
            .OrderBy(s => s.Version)
            .ToList();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null,
                "CREATE TABLE IF NOT EXISTS kring_schema " +
                "(version integer PRIMARY KEY, script text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                cancellationToken);
            var applied = new HashSet<int>();
            await using (var read = new NpgsqlCommand("SELECT version FROM kring_schema", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetInt32(0));
            }

            var count = 0;
            foreach (var (version, path) in scripts.Where(s => !applied.Contains(s.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, await File.ReadAllTextAsync(path, cancellationToken), cancellationToken);
                const string Insert = "INSERT INTO kring_schema (version, script) VALUES ($1, $2)";
                await using (var record = new NpgsqlCommand(Insert, connection, transaction))
                {
                    record.Parameters.Add(new() { Value = version });
                    record.Parameters.Add(new() { Value = Path.GetFileName(path) });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                count++;
            }
            return count;
        }
        finally
        {
            // A broken session has released the lock already; an open one goes back to the pool, so unlock it.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
        }
    }

    private static int VersionOf(string path)
    {
        var name = Path.GetFileName(path);
        var end = name.IndexOf('_');
        return end > 0 && int.TryParse(name[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InvalidOperationException($"Schema script '{name}' must start with its number, as in 005_name.sql.");
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
