using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;

namespace Kring.Hosting;

public static class HealthEndpoints
{
    /// <summary>The cluster check, tagged so that only readiness waits for it.</summary>
    public static IHealthChecksBuilder AddKringHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]);

    /// <summary>/health/live answers while the process runs; /health/ready only when the cluster answers calls.</summary>
    public static void MapKringHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
    }
}
