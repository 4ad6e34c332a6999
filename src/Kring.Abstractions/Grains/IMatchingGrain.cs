using Orleans.Concurrency;

namespace Kring;

/// <summary>
/// Matches open requests with volunteers for one shard: a region, every kind of help. Key: the region, for example "stein".
/// Within a shard, matching crosses village borders freely.
/// Matching calls volunteers, circles and villages and waits for them; they only ever notify matching without
/// waiting, so no chain of calls can come back round to a grain that is waiting. A periodic reconcile against
/// the villages recovers any notification that was lost.
/// </summary>
[Alias("kring.IMatchingGrain")]
public interface IMatchingGrain : IGrainWithStringKey
{
    /// <summary>Takes a request into matching; its first wave goes out in the shard's next pass. Idempotent.</summary>
    [Alias("Submit")] Task Submit(RequestSummary request);
    [Alias("OfferDeclined")] Task OfferDeclined(string requestId, string volunteerId);
    /// <summary>The request reached a final state (matched, cancelled): the next pass withdraws every other offer.</summary>
    [Alias("RequestSettled")] Task RequestSettled(string requestId, string? matchedVolunteerId);
    /// <summary>
    /// The shard's message to itself: one pass over everything submitted, settled or changed since the last, with one write.
    /// It queues behind the notifications already waiting, so under load one pass serves many of them.
    /// </summary>
    [Alias("RunPass"), OneWay] Task RunPass();
    /// <summary>A volunteer's profile, availability or schedule changed.</summary>
    [Alias("VolunteerChanged")] Task VolunteerChanged(VolunteerSnapshot snapshot);
    /// <summary>The volunteer was erased: out of the index, and their outstanding offers count as declined.</summary>
    [Alias("VolunteerLeft")] Task VolunteerLeft(string volunteerId);
    /// <summary>Re-reads unsettled requests from the villages and re-arms deadlines. Safe to repeat.</summary>
    [Alias("Reconcile")] Task Reconcile();
    [Alias("PendingCount"), ReadOnly] Task<int> PendingCount();
    /// <summary>The operator's view: pending requests by village and age, lapsed offers today, the deadlines at risk.</summary>
    [Alias("GetBacklog"), ReadOnly] Task<ShardBacklog> GetBacklog();
}

/// <summary>
/// One shard per region plans every kind of help together: a volunteer who does both is planned once, not by two shards
/// that each think the volunteer is free.
/// </summary>
public static class MatchingShard
{
    public static string Key(string region) => region;

    /// <summary>The key of the per-kind shards of earlier versions, whose rows a region's shard takes over.</summary>
    public static string LegacyKey(string region, HelpKind kind) => $"{region}/{kind.Code()}";
}
