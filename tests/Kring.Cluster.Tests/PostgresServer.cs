using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Kring.Cluster.Tests;

/// <summary>
/// A throwaway PostgreSQL 15 cluster in a temporary folder, on a free port, for one test class. Tests ask it for a
/// fresh database each, so they never see each other's tables. The server refuses to run as root, so under root
/// every command runs as the postgres user.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly string Bin = FindBin();
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private static int databases;

    private readonly SemaphoreSlim _templateTurn = new(1, 1);
    private readonly Dictionary<string, string> _templates = new(StringComparer.Ordinal);
    private string directory = "";
    private int port;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not installed ({Bin}/initdb is missing). " +
                "./test.sh installs it (Debian's postgresql package, version 15); " +
                "or run: apt-get install -y postgresql");
        }
        directory = Directory.CreateTempSubdirectory("kring-pg-").FullName;
        if (IsRoot) await Run("chown", "postgres:postgres", directory);
        port = FreePort();

        await RunServer("initdb", "-D", Data, "-A", "trust", "-U", "kring", "--no-sync", "-E", "UTF8", "--locale=C");
        await Start();
    }

    /// <summary>The server's own log, for a test that keeps it as an artefact.</summary>
    public string LogFile => Path.Combine(directory, "log");

    /// <summary>Starts the server (again) on the same port and data directory and waits until it accepts connections.</summary>
    public async Task Start()
    {
        // Durability is of no use to a throwaway server; without fsync it starts and writes faster.
        await RunServer("pg_ctl", "-D", Data, "-l", LogFile, "-w", "-t", "30", "-o",
            $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off " +
            "-c max_connections=200",
            "start");
        // Connections this test process pooled before a stop are dead; its next query must not get one.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>An outage: `pg_ctl -m fast stop` ends every session and stops the server; waits until it is down.</summary>
    public async Task Stop()
    {
        await RunServer("pg_ctl", "-D", Data, "-m", "fast", "-w", "-t", "30", "stop");
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (directory.Length == 0) return;
        try
        {
            if (File.Exists(Path.Combine(Data, "postmaster.pid"))) await RunServer("pg_ctl", "-D", Data, "-m", "fast", "-w", "stop");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "kring", Database = database }.ConnectionString;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabase()
    {
        var name = $"kring_{Interlocked.Increment(ref databases)}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>
    /// A fresh database copied from a template that <paramref name="fill"/> fills the first time it is asked for, so that
    /// tests needing the same starting point (the seeded demo) pay for it once.
    /// </summary>
    public async Task<string> CreateDatabaseFrom(string template, Func<string, Task> fill)
    {
        await _templateTurn.WaitAsync();
        try
        {
            if (!_templates.TryGetValue(template, out var source))
            {
                var filled = await CreateDatabase();
                await fill(filled);
                source = new NpgsqlConnectionStringBuilder(filled).Database!;
                _templates[template] = source;
            }
            // A database is copied only while nobody is connected to it; this process's pool may still hold connections.
            NpgsqlConnection.ClearAllPools();
            var name = $"kring_{Interlocked.Increment(ref databases)}";
            await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
            await connection.OpenAsync();
            await using (var close = new NpgsqlCommand(
                $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{source}' AND pid <> pg_backend_pid()",
                connection))
            {
                await close.ExecuteNonQueryAsync();
            }
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {source}", connection);
            await command.ExecuteNonQueryAsync();
            return ConnectionString(name);
        }
        finally
        {
            _templateTurn.Release();
        }
    }

    /// <summary>Creates a database from a gzipped plain-SQL dump (pg_dump's default format) and returns its connection string.</summary>
    public async Task<string> RestoreDatabase(string gzippedDump)
    {
        var connectionString = await CreateDatabase();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var start = new ProcessStartInfo(Path.Combine(Bin, "psql"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments = ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-U", "kring", "-d", database,
            "-v", "ON_ERROR_STOP=1", "-q"];
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await using (var dump = new GZipStream(File.OpenRead(gzippedDump), CompressionMode.Decompress))
        {
            await dump.CopyToAsync(process.StandardInput.BaseStream);
        }
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql could not restore {gzippedDump}:\n{await output}{await error}");
        }
        return connectionString;
    }

    private string Data => Path.Combine(directory, "data");

    /// <summary>Debian's layout, /usr/lib/postgresql/MAJOR/bin: 15 on bookworm, but a newer major version serves as well.</summary>
    private static string FindBin() =>
        (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
            .Where(major => File.Exists(Path.Combine(major, "bin", "initdb")))
            .OrderByDescending(major => int.TryParse(Path.GetFileName(major), out var number) ? number : 0)
            .Select(major => Path.Combine(major, "bin"))
            .FirstOrDefault() ?? "/usr/lib/postgresql/15/bin";

    private static bool IsRoot => Environment.UserName == "root";

    private static Task RunServer(string tool, params string[] arguments) =>
        IsRoot ? Run("runuser", ["-u", "postgres", "--", Path.Combine(Bin, tool), .. arguments]) : Run(Path.Combine(Bin, tool), arguments);

    private static async Task Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
