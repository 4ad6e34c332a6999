using Microsoft.Data.Sqlite;

namespace Kring.Hosting;

/// <summary>
/// Creates and upgrades the SQLite schema from the numbered scripts in sql/sqlite (001_*.sql, 002_*.sql, ...).
/// Each script runs once, in its own transaction, and is recorded in KringSchema.
/// </summary>
public static class SqliteSchema
{
    public static string ScriptDirectory => Path.Combine(AppContext.BaseDirectory, "sql", "sqlite");

    public static int EnsureCreated(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(
            connection,
            "CREATE TABLE IF NOT EXISTS KringSchema (Version INTEGER PRIMARY KEY, Script TEXT NOT NULL, AppliedOn TEXT NOT NULL);");

        var applied = 0;
        foreach (var script in Directory.GetFiles(ScriptDirectory, "*.sql").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(script);
            var version = int.Parse(name[..name.IndexOf('_')], System.Globalization.CultureInfo.InvariantCulture);
            using var check = connection.CreateCommand();
            check.CommandText = "SELECT COUNT(*) FROM KringSchema WHERE Version = $v";
            check.Parameters.AddWithValue("$v", version);
            if ((long)check.ExecuteScalar()! > 0) continue;

            using var transaction = connection.BeginTransaction();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = File.ReadAllText(script);
                command.ExecuteNonQuery();
            }
            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText =
                    "INSERT INTO KringSchema (Version, Script, AppliedOn) VALUES ($v, $s, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";
                record.Parameters.AddWithValue("$v", version);
                record.Parameters.AddWithValue("$s", name);
                record.ExecuteNonQuery();
            }
            transaction.Commit();
            applied++;
        }
        return applied;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
