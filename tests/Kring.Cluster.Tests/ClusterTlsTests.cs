using Kring.Hosting;
using Kring.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Kring.Cluster.Tests;

/// <summary>Cluster mode speaks mutual TLS with the one cluster certificate from Kring:ClusterTls, and refuses to run without it.</summary>
public sealed class ClusterTlsTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void Neither_a_silo_nor_the_web_starts_in_cluster_mode_without_the_certificate()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kring:PostgreSql"] = "Host=127.0.0.1;Username=kring;Database=kring",
        }).Build();

        var silo = Assert.Throws<InvalidOperationException>(() =>
            Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true })
                .UseOrleans(s => s.UseKringCluster(configuration)));
        var web = Assert.Throws<InvalidOperationException>(() =>
            Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true })
                .UseOrleansClient(c => c.UseKringClusterClient(configuration)));
        foreach (var refusal in new[] { silo, web }) Assert.Contains("Kring:ClusterTls:CertificatePath", refusal.Message);
    }

    [Fact]
    public async Task The_gateway_refuses_a_client_without_the_cluster_certificate()
    {
        var db = await server.CreateDatabase();
        await using var silo = await ClusterSilo.Start(db, "tls");
        using var stranger = CertificateFile.NewTlsCertificate(ClusterCertificate.Subject);
        void Gateway(IClientBuilder client) => client
            .Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = ("kring-tests", "tls"))
            .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", db));

        await OrleansClient.AssertRefused(Gateway, Patience);
        await OrleansClient.AssertRefused(client => Gateway(client.UseTls(stranger, o => o.AllowAnyRemoteCertificate())), Patience);

        using var trusted = OrleansClient.Build(client => Gateway(client.UseClusterTls(TestCertificate.Load())));
        using var hang = new CancellationTokenSource(Patience);
        await trusted.StartAsync(hang.Token);
        Assert.Equal(5, await trusted.Services.GetRequiredService<IClusterClient>().GetGrain<ICounterGrain>("over-tls").Add(5)
            .WaitAsync(hang.Token));
        await trusted.StopAsync(CancellationToken.None);
    }
}
