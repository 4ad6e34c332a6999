namespace Kring;

/// <summary>
/// The daily retention sweep for one village's circles and volunteers (a reminder calls <see cref="Sweep"/>). Key:
/// village id.
/// </summary>
[Alias("kring.IRetentionGrain")]
public interface IRetentionGrain : IGrainWithStringKey
{
    /// <summary>Registers the daily reminder unless it is there already.</summary>
    [Alias("Arm")] Task Arm();
    /// <summary>
    /// Removes closed requests and volunteers' past bookings older than Kring:Retention:ClosedRequests, and access-log
    /// entries older than Kring:Retention:AccessLog, balance check-ins older than Kring:Retention:CheckIns, and security
    /// events older than Kring:Retention:SecurityEvents (the one log of the deployment; each village's sweep prunes it,
    /// which after the first costs one call that finds nothing). Idempotent.
    /// </summary>
    [Alias("Sweep")] Task<RetentionReport> Sweep();
}
