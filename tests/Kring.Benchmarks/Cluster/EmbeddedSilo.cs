using System.Globalization;
using Kring.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kring.Benchmarks.Cluster;

/// <summary>
/// One silo hosted exactly as Kring.Web hosts the embedded default (<see cref="SiloHosting.UseKringEmbedded"/>: SQLite
/// through Orleans' ADO.NET grain storage, localhost clustering, in-memory reminders, dashboard, seed service and
/// shard keep-alive), on a fresh temporary data directory, free loopback ports and <c>Kring:Demo=false</c>; or, with a
/// PostgreSQL connection string, as a cluster silo does (<see cref="SiloHosting.UseKringCluster"/>: clustering, storage
/// and reminders on PostgreSQL) under a service id of its own. The only addition is <see cref="OfferProbe"/>, an
/// incoming grain call filter; a benchmark may add settings (the mail benchmark points Kring:Mail at its SMTP sink).
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly KringSettings _settings;

    private EmbeddedSilo(IHost host, KringSettings settings, OfferProbe probe, LogCounter log)
    {
        _host = host;
        _settings = settings;
        Storage = settings.PostgreSql is null ? "SQLite" : "PostgreSQL";
        Probe = probe;
        Log = log;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public IGrainFactory Grains { get; }
    public OfferProbe Probe { get; }
    public LogCounter Log { get; }
    /// <summary>"SQLite" or "PostgreSQL".</summary>
    public string Storage { get; }
    public string Where => _settings.PostgreSql is null
        ? $"UseKringEmbedded, data directory {_settings.FullDataDirectory} (--data-parent moves it)"
        : $"UseKringCluster on PostgreSQL, service id {_settings.ServiceId}";
    /// <summary>The SQLite database file, or null in cluster mode on PostgreSQL.</summary>
    public string? SqlitePath => _settings.PostgreSql is null ? _settings.SqlitePath : null;

    /// <param name="parent">Where the temporary data directory goes; the system's temporary directory by default.</param>
    /// <param name="postgres">A PostgreSQL connection string: the silo runs in cluster mode on that database instead.</param>
    /// <param name="extra">Further configuration, on top of (and over) the values above.</param>
    public static async Task<EmbeddedSilo> Start(string? parent = null, string? postgres =
        null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var run = "kring-benchmark-" + Guid.NewGuid().ToString("N");
        var directory = Path.Combine(parent ?? Path.GetTempPath(), run);
        var builder =
            new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "Kring.Benchmarks" });
        var values = new Dictionary<string, string?>
        {
            ["Kring:DataDirectory"] = directory,
            ["Kring:Demo"] = "false",
            ["Kring:SiloPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
            ["Kring:GatewayPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
        };
        if (postgres is not null)
        {
            values["Kring:PostgreSql"] = postgres;
            // A service of its own on a shared database: the run's rows and membership never meet another's.
            values["Kring:ServiceId"] = run;
            values["Kring:ClusterId"] = run;
            // Cluster mode wants a shared certificate; a one-silo run makes its own.
            var certificate = Path.Combine(directory, ClusterCertificate.FileName);
            ClusterCertificate.CreateFile(certificate, password: null);
            values["Kring:ClusterTls:CertificatePath"] = certificate;
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) values[key] = value;
        builder.Configuration.AddInMemoryCollection(values);
        var log = new LogCounter();
        builder.Logging.AddProvider(log);
        var probe = new OfferProbe();
        builder.UseOrleans(silo =>
        {
            (postgres is null ? silo.UseKringEmbedded(builder.Configuration) : silo.UseKringCluster(builder.Configuration))
                .AddActivityPropagation();
            silo.AddIncomingGrainCallFilter(probe);
        });
        var host = builder.Build();
        await host.StartAsync();
        var settings = builder.Configuration.GetSection(KringSettings.Section).Get<KringSettings>()!;
        return new EmbeddedSilo(host, settings, probe, log);
    }

    /// <summary>
    /// Storage writes so far, per grain type: every successful write (and clear) of Orleans' ADO.NET provider raises
    /// the row's Version by one, so the sum of the versions counts them.
    /// </summary>
    public IReadOnlyDictionary<string, long> WritesByGrainType()
    {
        var writes = new Dictionary<string, long>(StringComparer.Ordinal);
        if (_settings.PostgreSql is { } postgres)
        {
            using var pg = new NpgsqlConnection(postgres);
            pg.Open();
            using var query = pg.CreateCommand();
            query.CommandText = "SELECT grain_type, SUM(version) FROM orleans_grain_state WHERE service_id = @service GROUP BY grain_type";
            query.Parameters.AddWithValue("service", _settings.ServiceId);
            using var rows = query.ExecuteReader();
            while (rows.Read()) writes[rows.GetString(0)] = rows.GetInt64(1);
            return writes;
        }
        using var connection = new SqliteConnection($"Data Source={_settings.SqlitePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT GrainTypeString, SUM(Version) FROM OrleansStorage GROUP BY GrainTypeString";
        using var reader = command.ExecuteReader();
        while (reader.Read()) writes[reader.GetString(0)] = reader.GetInt64(1);
        return writes;
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            try
            {
                await _host.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_settings.FullDataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
