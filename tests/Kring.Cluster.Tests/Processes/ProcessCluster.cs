using System.Net.Http.Headers;
using System.Net.Http.Json;
using Kring.Hosting;
using Kring.Testing;
using Kring.Hosting.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace Kring.Cluster.Tests.Processes;

/// <summary>
/// A Kring cluster of real processes on one machine, as deploy/local-cluster.sh runs it: N silo programs and the web
/// program as an Orleans client, all on a PostgreSQL database, each on free loopback ports that it keeps across a
/// restart. The silos load the Stein demo (900 circles, 150 volunteers, the demo accounts) on first start. The test
/// connects as an Orleans client of its own (<see cref="Client"/>) to set up data and look inside.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    /// <summary>For each step of a start; generous, because a busy 2-core machine needs over a minute for a silo's first start.</summary>
    public static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(180);
    private const string ServiceId = "kring";

    private readonly string _connectionString;
    private readonly string _clusterId;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly ITestOutputHelper _output;
    private readonly (int Http, int Silo, int Gateway)[] _siloPorts;
    private readonly int _webPort;
    private readonly List<KringProcess> _silos = [];
    private IHost? _client;

    private ProcessCluster(string connectionString, string clusterId, int silos, string artefacts,
        IReadOnlyDictionary<string, string> settings, ITestOutputHelper output)
    {
        _connectionString = connectionString;
        _clusterId = clusterId;
        _settings = settings;
        _output = output;
        Artefacts = artefacts;
        _siloPorts = Enumerable.Range(0, silos).Select(_ => (Ports.Free(), Ports.Free(), Ports.Free())).ToArray();
        _webPort = Ports.Free();
    }

    public string Artefacts { get; }
    public IReadOnlyList<KringProcess> Silos => _silos;
    public KringProcess Web { get; private set; } = default!;
    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>()
        ?? throw new InvalidOperationException("The cluster is stopped.");
    public string ClusterId => _clusterId;
    /// <summary>When the processes were last started.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>
    /// Starts the silos (the first alone, so it applies the schema and loads the seed once, then the others together with
    /// the web), connects the test's client, checks that the seed is loaded and waits until the web is ready.
    /// </summary>
    /// <param name="settings">Extra configuration for every process, as environment variables (Kring__Matching__TickInterval).</param>
    public static async Task<ProcessCluster> Start(string connectionString, string clusterId, int silos, string artefacts,
        IReadOnlyDictionary<string, string> settings, ITestOutputHelper output)
    {
        var cluster = new ProcessCluster(connectionString, clusterId, silos, artefacts, settings, output);
        try
        {
            await cluster.StartProcesses();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts every process again after <see cref="Stop"/>, on the same ports and database.</summary>
    public Task Restart() => StartProcesses();

    /// <summary>Stops everything in order, as an operator would: the test's client, the web, then the silos (SIGTERM, all at
    /// once).</summary>
    public async Task Stop()
    {
        await DisconnectClient();
        await Web.Stop();
        await Web.DisposeAsync();
        await Task.WhenAll(_silos.Select(s => s.Stop()));
        foreach (var silo in _silos) await silo.DisposeAsync();
        _silos.Clear();
    }

    /// <summary>kill -9 of one silo; returns its silo (membership) port.</summary>
    public int Kill(int index)
    {
        _silos[index].Kill();
        return _siloPorts[index].Silo;
    }

    public int SiloPort(int index) => _siloPorts[index].Silo;

    /// <summary>An HTTP client for the web, signed in with a bearer token (POST /api/v1/session).</summary>
    public async Task<HttpClient> SignIn(string userName, TimeSpan timeout, string password = "kring-demo")
    {
        var http = new HttpClient { BaseAddress = Web.Address, Timeout = timeout };
        using var response = await http.PostAsJsonAsync("/api/v1/session", new { username = userName, password });
        response.EnsureSuccessStatusCode();
        var session = await response.Content.ReadFromJsonAsync<Session>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session!.Token);
        return http;
    }

    /// <summary>The silo's status (Orleans' SiloStatus) in the membership table, straight from PostgreSQL.</summary>
    public async Task<SiloStatus?> MembershipStatus(int siloPort)
    {
        var statuses = await Sql.Column<int>(_connectionString,
            "SELECT status FROM orleans_membership WHERE deployment_id = $1 AND port = $2 ORDER BY generation DESC LIMIT 1", _clusterId,
                siloPort);
        return statuses.Count == 0 ? null : (SiloStatus)statuses[0];
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DisconnectClient();
        }
        catch
        {
            // The processes must go whatever the client does.
        }
        if (Web is not null) await Web.DisposeAsync();
        foreach (var silo in _silos) await silo.DisposeAsync();
        _silos.Clear();
    }

    private async Task StartProcesses()
    {
        Directory.CreateDirectory(Artefacts);
        StartedAt = DateTimeOffset.UtcNow;
        var started = TimeProvider.System.GetTimestamp();
        _silos.Add(StartSilo(0));
        await _silos[0].WaitReady(StartPatience);
        // The first silo is ready once it has loaded the seed; the others and the web (which needs one gateway) start together.
        for (var i = 1; i < _siloPorts.Length; i++) _silos.Add(StartSilo(i));
        Web = KringProcess.Start("web", "Kring.Web",
            ["--urls", $"http://127.0.0.1:{_webPort}", "--contentRoot", Path.Combine(Repository.Root, "src", "Kring.Web")],
            ProcessEnvironment(new Dictionary<string, string>
            {
                ["Kring__Mode"] = "Cluster",
                ["Kring__DataDirectory"] = Path.Combine(Artefacts, "web-data"),
            }),
            Path.Combine(Artefacts, "web"), Path.Combine(Artefacts, "web.log"), new Uri($"http://127.0.0.1:{_webPort}"));
        await Task.WhenAll(_silos.Skip(1).Select(s => s.WaitReady(StartPatience)));

        _client = await ConnectClient();
        var version = SeedFiles.Municipality().Version + "+demo";
        var marker = Client.GetGrain<ISeedGrain>(SeedFiles.Municipality().Region.Id);
        await Eventually.Until(marker.GetLoadedVersion, v => v == version, "the silos loaded the demo seed", StartPatience);
        await Web.WaitReady(StartPatience);
        var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        _output.WriteLine($"{_siloPorts.Length} silos and the web ready in {seconds:0.0} s (artefacts: {Artefacts})");
    }

    private KringProcess StartSilo(int index)
    {
        var (http, silo, gateway) = _siloPorts[index];
        var name = $"silo-{index + 1}";
        return KringProcess.Start(name, "Kring.Silo", ["--urls", $"http://127.0.0.1:{http}"],
            ProcessEnvironment(new Dictionary<string, string>
            {
                ["Kring__SiloPort"] = silo.ToString(CultureInfo.InvariantCulture),
                ["Kring__GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture),
            }),
            Path.Combine(Artefacts, name), Path.Combine(Artefacts, name + ".log"), new Uri($"http://127.0.0.1:{http}"));
    }

    private Dictionary<string, string> ProcessEnvironment(Dictionary<string, string> own)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Kring__PostgreSql"] = ProcessConnectionString,
            ["Kring__ServiceId"] = ServiceId,
            ["Kring__ClusterId"] = _clusterId,
            ["Kring__Demo"] = "true",
            // Stein alone: the fault tests need one demo population, not every municipality's.
            ["Kring__Municipalities__0"] = "stein",
            ["Kring__ClusterTls__CertificatePath"] = TestCertificate.Path,
            ["Kring__ClusterTls__CertificatePassword"] = TestCertificate.Password,
            // One consultant files thousands of requests in a few minutes: far beyond a person's write rate.
            ["Kring__Limits__WritesPerMinute"] = "1000000",
            // One line per entry with a timestamp, so the logs of the processes can be read side by side.
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["Logging__LogLevel__Orleans"] = "Warning",
            ["Logging__LogLevel__Polly"] = "Warning",
        };
        foreach (var (key, value) in _settings) environment[key] = value;
        foreach (var (key, value) in own) environment[key] = value;
        return environment;
    }

    /// <summary>What local-cluster.sh gives the processes: short connect and command timeouts, and a bounded pool per process.</summary>
    private string ProcessConnectionString => new NpgsqlConnectionStringBuilder(_connectionString)
    {
        Pooling = true,
        Timeout = 5,
        CommandTimeout = 15,
        MaxPoolSize = 50,
    }.ConnectionString;

    private async Task<IHost> ConnectClient()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (ServiceId, _clusterId))
            .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10))
            .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", ProcessConnectionString))
            .UseClusterTls(TestCertificate.Load()));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private async Task DisconnectClient()
    {
        if (_client is null) return;
        var client = _client;
        _client = null;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await client.StopAsync(patience.Token);
        }
        finally
        {
            client.Dispose();
        }
    }

    private sealed record Session(string Token);
}
