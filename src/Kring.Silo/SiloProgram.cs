using Kring.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Kring.Silo;

/// <summary>
/// One node of a Kring cluster on PostgreSQL (ADO.NET clustering, storage and reminders). It serves only its health
/// endpoints over HTTP; users reach the cluster through Kring.Web running as an Orleans client.
/// `Kring.Silo.dll cluster-certificate {path}` instead writes a new cluster certificate (see <see cref="ClusterCertificate"/>),
/// protected with Kring__ClusterTls__CertificatePassword when that is set, and ends.
/// </summary>
public static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        if (args is ["cluster-certificate", var path])
        {
            var made = ClusterCertificate.CreateFile(path, Environment.GetEnvironmentVariable("Kring__ClusterTls__CertificatePassword"));
            Console.WriteLine(made
                ? $"Wrote a new cluster certificate to {Path.GetFullPath(path)}."
                : $"{Path.GetFullPath(path)} exists; it is kept.");
            return;
        }
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions { Args = args, ApplicationName = typeof(SiloProgram).Assembly.GetName().Name });
        builder.UseOrleans(silo => silo.UseKringCluster(builder.Configuration).AddActivityPropagation());
        builder.Services.AddKringTelemetry(builder.Configuration, "kring-silo");
        builder.Services.AddKringHealthChecks();

        var app = builder.Build();
        app.MapKringHealth();
        app.MapKringMetrics();
        await app.RunAsync();
    }
}
