using Orleans.Concurrency;

namespace Kring;

/// <summary>
/// Who saw a circle's personal data, and when. Key: circle id. Recent entries live here; full pages of older ones in
/// <see cref="IAccessLogPageGrain"/>s, so recording one view never rewrites the whole log.
/// </summary>
[Alias("kring.IAccessLogGrain")]
public interface IAccessLogGrain : IGrainWithStringKey
{
    /// <summary>Appends the entry, stamped with the cluster's time.</summary>
    [Alias("Record")] Task Record(AccessEntry entry);
    /// <summary>Newest first (by first view), without entries whose last view is past their retention.</summary>
    [Alias("Read"), ReadOnly] Task<IReadOnlyList<AccessEntry>> Read();
    /// <summary>Removes entries from before <paramref name="before"/>: how many went and how many remain. Idempotent.</summary>
    [Alias("Prune")] Task<(int Removed, int Left)> Prune(DateTimeOffset before);
    /// <summary>The carer was erased: their own views stay in the log without their user name. Idempotent.</summary>
    [Alias("ForgetCarer")] Task ForgetCarer();
}
