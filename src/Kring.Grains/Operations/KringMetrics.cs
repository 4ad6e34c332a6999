using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using TagList = System.Diagnostics.TagList;

namespace Kring.Grains.Operations;

/// <summary>
/// The Kring meter: what happens to requests, offers, matching shards, mail and storage, for operators (Prometheus at
/// /metrics, see the README's Operators section). Labels carry a region, village, kind, reach or grain type, never a
/// person. The gauges report the last reading of each shard and outbox active in this process.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static",
    Justification = "Grains record through the instance they are given; only the instruments are per process.")]
public sealed class KringMetrics : IDisposable
{
    public const string MeterName = "Kring";

    /// <summary>From a second to a week: an offer is answered in minutes, a request may wait days for its start.</summary>
    private static readonly double[] WaitBuckets = [1, 5, 15, 60, 300, 900, 3600, 14400, 43200, 86400, 259200, 604800];
    private static readonly double[] PassBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly int[] CountBuckets = [0, 1, 2, 3, 5, 10, 25, 50, 100, 250, 1000, 5000];

    /// <summary>
    /// One meter and one set of instruments per process, as OpenTelemetry needs: it merges instruments of meters with the
    /// same name, and disposing one such meter (a test's second host, say) silences them all (opentelemetry-dotnet #6412).
    /// </summary>
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Filed = Meter.CreateCounter<long>("kring.requests.filed", "{request}",
        "Requests filed and acknowledged");
    private static readonly Counter<long> Matched = Meter.CreateCounter<long>("kring.requests.matched", "{request}",
        "Requests matched to a volunteer or own person");
    private static readonly Counter<long> Expired = Meter.CreateCounter<long>("kring.requests.expired", "{request}",
        "Requests that reached their start unmatched");
    private static readonly Counter<long> Cancelled = Meter.CreateCounter<long>("kring.requests.cancelled", "{request}",
        "Requests cancelled");
    private static readonly Counter<long> Escalated = Meter.CreateCounter<long>("kring.requests.escalated", "{request}",
        "Requests handed to a partner's coordinator");
    private static readonly Counter<long> Completed = Meter.CreateCounter<long>("kring.requests.completed", "{request}",
        "Requests done, with the hours reported");
    private static readonly Histogram<double> ToFirstOffer = Seconds("kring.requests.time_to_first_offer",
        "From filing to the first offer", WaitBuckets);
    private static readonly Histogram<double> ToMatch = Seconds("kring.requests.time_to_match", "From filing to the match", WaitBuckets);
    private static readonly Counter<long> OffersMade = Meter.CreateCounter<long>("kring.offers.made", "{offer}",
        "Offers sent to volunteers");
    private static readonly Counter<long> OffersAccepted = Meter.CreateCounter<long>("kring.offers.accepted", "{offer}",
        "Offers accepted (the request is matched)");
    private static readonly Counter<long> OffersDeclined = Meter.CreateCounter<long>("kring.offers.declined", "{offer}",
        "Offers declined by the volunteer");
    private static readonly Counter<long> LapsedOffers = Meter.CreateCounter<long>("kring.offers.lapsed", "{offer}",
        "Offers nobody answered in time");
    private static readonly Histogram<int> WaveSize = Count("kring.offers.wave_size", "{offer}", "Offers in one wave for one request");
    private static readonly Histogram<double> PassDuration = Seconds("kring.shard.pass.duration", "One matching pass of a shard",
        PassBuckets);
    private static readonly Histogram<int> PassDue = Count("kring.shard.pass.due_requests", "{request}", "Requests a pass planned");
    private static readonly Counter<long> ShardWritten = Meter.CreateCounter<long>("kring.shard.writes", "{write}",
        "Rows a shard wrote or cleared at its checkpoints");
    private static readonly Counter<long> MailQueuedCount = Meter.CreateCounter<long>("kring.mail.queued", "{message}",
        "Mail put in an outbox");
    private static readonly Counter<long> MailSentCount = Meter.CreateCounter<long>("kring.mail.sent", "{message}",
        "Mail handed to the relay");
    private static readonly Counter<long> MailRetried = Meter.CreateCounter<long>("kring.mail.retried", "{message}",
        "Failed mail attempts that will be tried again");
    private static readonly Counter<long> MailParked = Meter.CreateCounter<long>("kring.mail.parked", "{message}",
        "Mail parked after its last attempt failed");
    private static readonly Counter<long> WriteFailures = Meter.CreateCounter<long>("kring.storage.write_failures", "{write}",
        "Grain state writes that failed");
    /// <summary>The instances whose readings the gauges report: one per host in this process, usually one.</summary>
    private static readonly ConcurrentDictionary<KringMetrics, bool> Live = new();

    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, ShardReading> _shards = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OutboxReading> _outboxes = new(StringComparer.Ordinal);

    static KringMetrics()
    {
        Meter.CreateObservableGauge("kring.shard.pending_requests", () => Shards((_, r) => r.Pending), "{request}",
            "Requests a shard is matching");
        Meter.CreateObservableGauge("kring.shard.oldest_pending_age", () => Shards((m, r) => m.SecondsSince(r.OldestFiledAt)), "s",
            "Age of a shard's oldest pending request");
        // Measured at the scrape, not at the tick: a shard whose ticks stopped keeps its last reading, and its lag grows.
        Meter.CreateObservableGauge("kring.shard.deadline_lag", () => Shards((m, r) => m.SecondsSince(r.EarliestStart)), "s",
            "How long ago the earliest start among a shard's pending requests passed; 0 when none has");
        Meter.CreateObservableGauge("kring.shard.unmatched_within_24h_requests", () => Shards((_, r) => r.StartingWithin24Hours),
            "{request}", "Pending requests that start within 24 hours");
        Meter.CreateObservableGauge("kring.mail.unsent_messages", () => Outboxes((_, o) => o.Unsent), "{message}",
            "Mail waiting in the outboxes");
        Meter.CreateObservableGauge("kring.mail.parked_messages", () => Outboxes((_, o) => o.Parked), "{message}",
            "Mail parked for an operator");
        Meter.CreateObservableGauge("kring.mail.oldest_unsent_age", () => Outboxes((m, o) => m.SecondsSince(o.OldestQueuedAt)), "s",
            "Age of the oldest unsent mail");
    }

    public KringMetrics(TimeProvider clock)
    {
        _clock = clock;
        Live[this] = true;
    }

    /// <summary>The host stops: its shards and outboxes are no longer reported.</summary>
    public void Dispose() => Live.TryRemove(this, out _);

    public void RequestsFiled(string village, HelpKind kind, int count) => Filed.Add(count, Place(village, kind));

    /// <summary>A request's new status, once stored; <paramref name="firstOffer"/> when it is offered for the first time.</summary>
    public void RequestMoved(string village, HelpKind kind, RequestStatus status, DateTimeOffset filedAt, bool firstOffer)
    {
        var tags = Place(village, kind);
        var waited = Math.Max(0, (_clock.GetUtcNow() - filedAt).TotalSeconds);
        switch (status)
        {
            case RequestStatus.Offered when firstOffer:
                ToFirstOffer.Record(waited, tags);
                break;
            case RequestStatus.Matched:
                Matched.Add(1, tags);
                ToMatch.Record(waited, tags);
                break;
            case RequestStatus.Expired:
                Expired.Add(1, tags);
                break;
            case RequestStatus.Cancelled:
                Cancelled.Add(1, tags);
                break;
            case RequestStatus.Completed:
                Completed.Add(1, tags);
                break;
        }
    }

    public void RequestEscalated(string village, HelpKind kind) => Escalated.Add(1, Place(village, kind));

    public void Wave(string region, HelpKind kind, string reach, int offers)
    {
        OffersMade.Add(offers, new TagList { { "region", region }, { "kind", kind.Code() }, { "reach", reach } });
        WaveSize.Record(offers, new TagList { { "region", region } });
    }

    public void OfferAccepted(string region, HelpKind kind, string reach) =>
        OffersAccepted.Add(1, new TagList { { "region", region }, { "kind", kind.Code() }, { "reach", reach } });

    public void OfferDeclined(string region, HelpKind kind) => OffersDeclined.Add(1, Shard(region, kind));

    public void OffersLapsed(string region, HelpKind kind, int count) => LapsedOffers.Add(count, Shard(region, kind));

    public void ShardPass(string region, TimeSpan duration, int due)
    {
        var tags = new TagList { { "region", region } };
        PassDuration.Record(duration.TotalSeconds, tags);
        PassDue.Record(due, tags);
    }

    public void ShardWrites(string region, int rows) => ShardWritten.Add(rows, new TagList { { "region", region } });

    public void ShardRead(string region, ShardReading reading) => _shards[region] = reading;

    /// <summary>Zero rather than removed: the exporter goes on showing a gauge's last value, and the shard lives elsewhere now.</summary>
    public void ShardGone(string region) => _shards[region] = new ShardReading(0, null, null, 0);

    public void MailQueued() => MailQueuedCount.Add(1);

    public void MailSent(int count) => MailSentCount.Add(count);

    public void MailFailed(bool parked) => (parked ? MailParked : MailRetried).Add(1);

    public void OutboxRead(string outbox, OutboxReading reading) => _outboxes[outbox] = reading;

    public void OutboxGone(string outbox) => _outboxes[outbox] = new OutboxReading(0, 0, null);

    public void StorageWriteFailed(string grainType) => WriteFailures.Add(1, new TagList { { "grain_type", grainType } });

    private static TagList Place(string village, HelpKind kind) => new() { { "village", village }, { "kind", kind.Code() } };

    private static TagList Shard(string region, HelpKind kind) => new() { { "region", region }, { "kind", kind.Code() } };

    private double SecondsSince(DateTimeOffset? at) => at is { } t ? Math.Max(0, (_clock.GetUtcNow() - t).TotalSeconds) : 0;

    private static IEnumerable<Measurement<double>> Shards(Func<KringMetrics, ShardReading, double> value) =>
        Live.Keys.SelectMany(m => m._shards.Select(s =>
            new Measurement<double>(value(m, s.Value), new KeyValuePair<string, object?>("region", s.Key))));

    private static IEnumerable<Measurement<double>> Outboxes(Func<KringMetrics, OutboxReading, double> value) =>
        Live.Keys.SelectMany(m => m._outboxes.Select(o =>
            new Measurement<double>(value(m, o.Value), new KeyValuePair<string, object?>("outbox", o.Key))));

    private static Histogram<double> Seconds(string name, string description, double[] buckets) =>
        Meter.CreateHistogram(name, "s", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets });

    private static Histogram<int> Count(string name, string unit, string description) =>
        Meter.CreateHistogram(name, unit, description, tags: null, new InstrumentAdvice<int> { HistogramBucketBoundaries = CountBuckets });
}

/// <summary>A shard's backlog at its last tick.</summary>
public sealed record ShardReading(int Pending, DateTimeOffset? OldestFiledAt, DateTimeOffset? EarliestStart, int StartingWithin24Hours);

/// <summary>An outbox after its last change.</summary>
public sealed record OutboxReading(int Unsent, int Parked, DateTimeOffset? OldestQueuedAt);
