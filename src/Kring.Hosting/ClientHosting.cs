using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Kring.Hosting;

public static class ClientHosting
{
    /// <summary>
    /// The web front end as an Orleans client of a cluster on PostgreSQL: it finds the gateways in the membership table and
    /// shows them the cluster certificate (mutual TLS, see <see cref="ClusterCertificate"/>).
    /// </summary>
    public static IClientBuilder UseKringClusterClient(this IClientBuilder client, IConfiguration configuration)
    {
        var settings = configuration.GetSection(KringSettings.Section).Get<KringSettings>() ?? new KringSettings();
        if (string.IsNullOrWhiteSpace(settings.PostgreSql))
        {
            throw new InvalidOperationException("Cluster mode needs Kring:PostgreSql (Kring__PostgreSql).");
        }
        client.UseClusterTls(ClusterCertificate.For(settings, clusterMode: true));
        client.Services.Configure<ClusterOptions>(options =>
        {
            options.ServiceId = settings.ServiceId;
            options.ClusterId = settings.ClusterId;
        });
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = settings.PostgreSql;
        });
        // A call that would hang longer than this is answered with a 503 instead.
        client.Services.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(10));
        client.AddDashboard(options => options.HideTrace = true);
        client.AddActivityPropagation();
        return client;
    }
}
