using Orleans.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Beheer;

/// <summary>The operator's start page: readiness as /health/ready reports it, the number of active silos, and links.</summary>
public sealed class BeheerModel(HealthCheckService health, IGrainFactory grains, ILogger<BeheerModel> logger) : PageModel
{
    public HealthReport? Readiness { get; private set; }
    public int? ActiveSilos { get; private set; }

    public async Task OnGet()
    {
        Readiness = await health.CheckHealthAsync(check => check.Tags.Contains("ready"), HttpContext.RequestAborted);
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5));
            ActiveSilos = hosts.Count;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not count the active silos");
        }
    }

    public static string Dutch(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "gereed",
        HealthStatus.Degraded => "verminderd",
        _ => "niet gereed",
    };
}
