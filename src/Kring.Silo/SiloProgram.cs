using Kring.Hosting;
using Microsoft.AspNetCore.Builder;
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
        builder.Services.AddKringHealthChecks();

        var app = builder.Build();
        app.MapKringHealth();
        await app.RunAsync();
    }
}
