using Orleans.Concurrency;

namespace Kring;

/// <summary>One full page of an access log. Key: "{circleId}#{number}". Only <see cref="IAccessLogGrain"/> calls it.</summary>
[Alias("kring.IAccessLogPageGrain")]
public interface IAccessLogPageGrain : IGrainWithStringKey
{
    [Alias("Write")] Task Write(IReadOnlyList<AccessEntry> entries);
    [Alias("Read"), ReadOnly] Task<IReadOnlyList<AccessEntry>> Read();
    /// <summary>Drops entries from before <paramref name="before"/>; returns how many remain.</summary>
    [Alias("Prune")] Task<int> Prune(DateTimeOffset before);
    [Alias("ForgetCarer")] Task ForgetCarer();
}
