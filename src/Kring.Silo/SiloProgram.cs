using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kring.Silo;

/// <summary>
/// One node of a Kring cluster on PostgreSQL (ADO.NET clustering, storage and reminders). It serves only its health
/// endpoints over HTTP; users reach the cluster through Kring.Web running as an Orleans client.
/// </summary>
public static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(SiloProgram).Assembly.GetName().Name });
        builder.UseOrleans(silo => silo.UseKringCluster(builder.Configuration).AddActivityPropagation());
        builder.Services.AddKringTelemetry(builder.Configuration, "kring-silo");
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]);

        var app = builder.Build();
        app.MapKringHealth();
        await app.RunAsync();
    }

    /// <summary>/health/live answers while the process runs; /health/ready only when the cluster answers calls.</summary>
    public static void MapKringHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
    }
}
