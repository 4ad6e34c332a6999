using System.Net;
using System.Net.Sockets;
using Kring.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kring.Cluster.Tests;

/// <summary>
/// One Kring silo in cluster mode, hosted the way a deployment hosts it: a plain generic host with
/// UseOrleans(s => s.UseKringCluster(configuration)). Demo is off, so the seed loads only the municipality.
/// Set KRING_TEST_LOGS=1 to see the silo's warnings.
/// </summary>
public sealed class ClusterSilo : IAsyncDisposable
{
    private readonly IHost host;

    private ClusterSilo(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;
    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();
    public SiloAddress Address => host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public static async Task<ClusterSilo> Start(string connectionString, string clusterId, Action<ISiloBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kring:PostgreSql"] = connectionString,
            ["Kring:Demo"] = "false",
            ["Kring:ServiceId"] = "kring-tests",
            ["Kring:ClusterId"] = clusterId,
            ["Kring:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Kring:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Kring:ClusterTls:CertificatePath"] = TestCertificate.Path,
            ["Kring:ClusterTls:CertificatePassword"] = TestCertificate.Password,
        });
        if (Environment.GetEnvironmentVariable("KRING_TEST_LOGS") is not null)
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        }
        builder.UseOrleans(silo =>
        {
            silo.UseKringCluster(builder.Configuration);
            configure?.Invoke(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
