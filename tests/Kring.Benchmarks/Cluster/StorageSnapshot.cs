using Microsoft.Data.Sqlite;

namespace Kring.Benchmarks.Cluster;

/// <summary>One row of Orleans' grain storage as the SQLite database holds it: its version and the length of its payload.</summary>
public sealed record StoredRow(string StateName, string Key, long Version, long Bytes);

/// <summary>What changed between two snapshots for one state name: rows written, their writes (versions) and bytes.</summary>
public sealed record StateWrites(string StateName, int Rows, long Writes, long Bytes);

/// <summary>
/// Every row of OrleansStorage in the embedded silo's SQLite database (GrainTypeString holds the state name). Each
/// successful write or clear of Orleans' ADO.NET provider raises the row's Version by one, so two snapshots tell which
/// rows were written in between, how often, and (from the later payload) how many bytes the last write stored.
/// </summary>
public sealed class StorageSnapshot
{
    private readonly Dictionary<(string State, long N0, long N1, string Extension), StoredRow> _rows;

    private StorageSnapshot(Dictionary<(string, long, long, string), StoredRow> rows) => _rows = rows;

    public IEnumerable<StoredRow> Rows => _rows.Values;

    public static StorageSnapshot Read(string sqlitePath)
    {
        var rows = new Dictionary<(string, long, long, string), StoredRow>();
        using var connection = Open(sqlitePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtension, Version, " +
                              "IFNULL(length(PayloadBinary), 0) FROM OrleansStorage";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3));
            rows[key] = new StoredRow(key.Item1, key.Item4, reader.GetInt64(4), reader.GetInt64(5));
        }
        return new StorageSnapshot(rows);
    }

    /// <summary>The rows whose version rose since <paramref name="before"/> (new rows included), by state name.</summary>
    public IReadOnlyList<StateWrites> WrittenSince(StorageSnapshot before) =>
        _rows
            .Select(r => (Row: r.Value, Writes: r.Value.Version - (before._rows.TryGetValue(r.Key, out var old) ? old.Version : 0)))
            .Where(r => r.Writes > 0)
            .GroupBy(r => r.Row.StateName, StringComparer.Ordinal)
            .Select(g => new StateWrites(g.Key, g.Count(), g.Sum(r => r.Writes), g.Sum(r => r.Row.Bytes)))
            .OrderByDescending(w => w.Bytes)
            .ToList();

    /// <summary>The number of rows and the sum of their versions: unchanged while nothing is written.</summary>
    public static (long Rows, long Versions) Versions(string sqlitePath)
    {
        using var connection = Open(sqlitePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), IFNULL(SUM(Version), 0) FROM OrleansStorage";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// The version of the row of this state whose string key ends with <paramref name="keySuffix"/>; 0 when there is none.
    /// </summary>
    public static long VersionOf(string sqlitePath, string stateName, string keySuffix)
    {
        using var connection = Open(sqlitePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT IFNULL(MAX(Version), 0) FROM OrleansStorage WHERE GrainTypeString = $state " +
                              "AND substr(GrainIdExtension, -length($suffix)) = $suffix";
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$suffix", keySuffix);
        return (long)command.ExecuteScalar()!;
    }

    private static SqliteConnection Open(string sqlitePath)
    {
        var connection = new SqliteConnection($"Data Source={sqlitePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }
}
