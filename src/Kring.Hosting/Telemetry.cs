using System.Net;
using Kring.Grains.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Kring.Hosting;

public static class Telemetry
{
    /// <summary>
    /// OpenTelemetry metrics (Kring's own meter, Orleans, ASP.NET Core, runtime) and traces (Orleans calls, HTTP requests).
    /// The metrics are served in Prometheus format at /metrics (<see cref="MapKringMetrics"/>); both are also exported over
    /// OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
    /// </summary>
    public static IServiceCollection AddKringTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(KringMetrics.MeterName, "Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation());
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) builder.UseOtlpExporter();
        return services;
    }

    /// <summary>
    /// /metrics in Prometheus text format, for loopback and Kring:Security:KnownNetworks only: the figures carry no
    /// person, but the villages' waiting requests are not for the public. Anyone else gets 404, as if it did not exist.
    /// On the web this runs after the forwarded headers, so a request through the reverse proxy counts as its client's.
    /// </summary>
    public static void MapKringMetrics(this WebApplication app)
    {
        var networks = (app.Configuration.GetSection(KnownNetworksKey).Get<string[]>() ?? []).Select(IPNetwork.Parse).ToList();
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, branch => branch.Use(async (context, next) =>
        {
            var client = context.Connection.RemoteIpAddress;
            if (client is null || !(IPAddress.IsLoopback(client) || networks.Any(n => n.Contains(client.IsIPv4MappedToIPv6
                ? client.MapToIPv4() : client))))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        }), optionsName: null).AllowAnonymous();
    }

    private const string KnownNetworksKey = "Kring:Security:KnownNetworks";
}
