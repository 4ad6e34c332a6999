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
    /// OpenTelemetry metrics (Orleans, ASP.NET Core, runtime) and traces (Orleans calls, HTTP requests). They are
    /// exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, for example to a collector feeding Prometheus.
    /// </summary>
    public static IServiceCollection AddKringTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation());
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) builder.UseOtlpExporter();
        return services;
    }
}
