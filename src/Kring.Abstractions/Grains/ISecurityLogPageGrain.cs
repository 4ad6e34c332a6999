using Orleans.Concurrency;

namespace Kring;

/// <summary>One full page of the security event log. Key: "default#{number}". Only <see cref="ISecurityLogGrain"/> calls it.</summary>
[Alias("kring.ISecurityLogPageGrain")]
public interface ISecurityLogPageGrain : IGrainWithStringKey
{
    [Alias("Write")] Task Write(IReadOnlyList<SecurityEvent> entries);
    [Alias("Read"), ReadOnly] Task<IReadOnlyList<SecurityEvent>> Read();
    /// <summary>Drops events from before <paramref name="before"/>; returns how many remain.</summary>
    [Alias("Prune")] Task<int> Prune(DateTimeOffset before);
}
