using Kring.Web.Api;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Kring.Web.Pages.Beheer;

/// <summary>
/// The operator's start page: new accounts with wide rights that another operator has still to acknowledge, readiness
/// as /health/ready reports it, the number of active silos, the care the cluster carries (waiting requests, lapsed
/// offers, shards, outbox, the alerts that hold now) and links.
/// </summary>
public sealed partial class IndexModel(
    HealthCheckService health, IGrainFactory grains, SecurityLog log, TimeProvider clock, ILogger<IndexModel> logger) : PageModel
{
    public HealthReport? Readiness { get; private set; }
    public int? ActiveSilos => Silos?.Active;
    public OperationsDesk.Silos? Silos { get; private set; }
    public OperationsDesk.Overview? Care { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public IReadOnlyList<SecurityEvent> Unacknowledged { get; private set; } = [];
    [TempData] public string? Message { get; set; }
    [TempData] public bool MessageIsError { get; set; }

    public async Task<IActionResult> OnPostAcknowledge(long id)
    {
        var outcome = await SecurityApi.Acknowledge(log, HttpContext, id);
        MessageIsError = outcome != AcknowledgeOutcome.Done;
        Message = outcome switch
        {
            AcknowledgeOutcome.Done => Texts.T("Bevestigd."),
            AcknowledgeOutcome.ByCreator => Texts.T("Een andere beheerder moet het account bevestigen dan wie het aanmaakte."),
            _ => Texts.T("Deze melding staat niet open."),
        };
        return RedirectToPage();
    }

    public async Task OnGet()
    {
        Unacknowledged = await log.Grain.Unacknowledged();
        Readiness = await health.CheckHealthAsync(check => check.Tags.Contains("ready"), HttpContext.RequestAborted);
        Now = clock.GetUtcNow();
        try
        {
            Silos = await OperationsDesk.ReadSilos(grains, Now);
        }
        catch (Exception e)
        {
            LogSiloCountFailed(logger, e);
        }
        try
        {
            Care = await OperationsDesk.Read(grains, Silos).WaitAsync(TimeSpan.FromSeconds(10), HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCareFailed(logger, e);
        }
    }

    /// <summary>The rows of the table of shards: what an operator reads of each region, with its Dutch label.</summary>
    public static IReadOnlyList<(string Dutch, Func<ShardBacklog, string> Value)> ShardMeasures(DateTimeOffset now) =>
    [
        ("Wachtend", s => Number(s.Pending)),
        ("Wacht het langst", s => s.OldestFiledAt is { } oldest ? Format.Age(now - oldest) : "–"),
        ("Aanbiedingen uit", s => Number(s.OutstandingOffers)),
        ("Verlopen vandaag", s => Number(s.LapsedToday)),
        ("Bij een coördinator", s => Number(s.WithCoordinator)),
        ("Begint binnen 24 uur", s => Number(s.StartingWithin24Hours)),
    ];

    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.CurrentCulture);

    public static string Dutch(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "gereed",
        HealthStatus.Degraded => "verminderd",
        _ => "niet gereed",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count the active silos")]
    private static partial void LogSiloCountFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the shards and the outbox")]
    private static partial void LogCareFailed(ILogger logger, Exception exception);
}
