using Orleans.Concurrency;

namespace Kring;

/// <summary>
/// The deployment's security event log, append-only. Key: "default" (<see cref="SecurityLogKeys.Default"/>). Recent
/// events live here, full pages of older ones in <see cref="ISecurityLogPageGrain"/>s, as in the access log.
/// </summary>
[Alias("kring.ISecurityLogGrain")]
public interface ISecurityLogGrain : IGrainWithStringKey
{
    /// <summary>Appends the event with the next id and the cluster's time; returns the id.</summary>
    [Alias("Record")] Task<long> Record(SecurityEvent entry);
    /// <summary>Newest first, filtered, at most <see cref="SecurityEventQuery.Limit"/> events, none past their retention.</summary>
    [Alias("Read"), ReadOnly] Task<IReadOnlyList<SecurityEvent>> Read(SecurityEventQuery query);
    /// <summary>New accounts with wide rights that no other operator has acknowledged yet, newest first.</summary>
    [Alias("Unacknowledged"), ReadOnly] Task<IReadOnlyList<SecurityEvent>> Unacknowledged();
    /// <summary>Acknowledges an open event; the creator of the account cannot. Records who did it.</summary>
    [Alias("Acknowledge")] Task<AcknowledgeOutcome> Acknowledge(long id, string by, string? client);
    /// <summary>Removes events from before <paramref name="before"/>; how many went. Idempotent.</summary>
    [Alias("Prune")] Task<int> Prune(DateTimeOffset before);
}

public static class SecurityLogKeys
{
    public const string Default = "default";
}
