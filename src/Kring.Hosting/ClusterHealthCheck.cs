using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kring.Hosting;

/// <summary>Ready when a grain in the cluster answers within a few seconds; the storage behind it must answer too.</summary>
public sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages()
                .WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy($"{villages.Count} villages");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The cluster does not answer.", e);
        }
    }
}
