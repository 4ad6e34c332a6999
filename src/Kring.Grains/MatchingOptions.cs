namespace Kring.Grains;

public sealed class MatchingOptions
{
    public const string Section = "Kring:Matching";

    /// <summary>How many volunteers get the same offer at once; the first to accept wins.</summary>
    public int WaveSize { get; set; } = 3;
    /// <summary>How long an offer stays open before it lapses and the next wave goes out.</summary>
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromHours(4);
    /// <summary>How often a shard checks deadlines and retries requests that found nobody yet.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>How often a shard compares its requests with the villages', to recover lost notifications.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>
    /// How often a shard writes the requests that changed since the last time. A request matched sooner is never
    /// written by the shard at all; one that waits longer is asked of the same volunteers again after a crash.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>
    /// For this long after offers went out, a pass may still move them: when a new request can only be done by a volunteer
    /// holding an unanswered offer that someone else can also take, that offer is withdrawn and the other is asked instead.
    /// So a burst of requests is planned as a whole, not first come first served. Zero turns it off.
    /// </summary>
    public TimeSpan RevisionWindow { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Volunteers living up to this far outside the region are indexed too, for requests near its border.</summary>
    public double BorderKm { get; set; } = 25;
}
