using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using TagList = System.Diagnostics.TagList;

namespace Kring.Grains.Operations;

/// <summary>
/// The Kring meter: what happens to requests, offers, matching shards, mail and storage, for operators (Prometheus at
/// /metrics, see the README's Operators section). Labels carry a region, village, kind, reach or grain type, never a
/// person. The gauges report the last reading of each shard and outbox active in this process.
/// </summary>
public sealed class KringMetrics
{
    public const string MeterName = "Kring";

    /// <summary>From a second to a week: an offer is answered in minutes, a request may wait days for its start.</summary>
    private static readonly double[] WaitBuckets = [1, 5, 15, 60, 300, 900, 3600, 14400, 43200, 86400, 259200, 604800];
    private static readonly double[] PassBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly int[] CountBuckets = [0, 1, 2, 3, 5, 10, 25, 50, 100, 250, 1000, 5000];

    private readonly TimeProvider _clock;
    private readonly Counter<long> _filed, _matched, _expired, _cancelled, _escalated, _completed;
    private readonly Histogram<double> _toFirstOffer, _toMatch, _passDuration;
    private readonly Counter<long> _offersMade, _offersAccepted, _offersDeclined, _offersLapsed;
    private readonly Histogram<int> _waveSize, _passDue;
    private readonly Counter<long> _shardWrites;
    private readonly Counter<long> _mailQueued, _mailSent, _mailRetried, _mailParked;
    private readonly Counter<long> _writeFailures;
    private readonly ConcurrentDictionary<string, ShardReading> _shards = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OutboxReading> _outboxes = new(StringComparer.Ordinal);

    public KringMetrics(IMeterFactory meters, TimeProvider clock)
    {
        _clock = clock;
        var meter = meters.Create(MeterName);
        _filed = meter.CreateCounter<long>("kring.requests.filed", "{request}", "Requests filed and acknowledged");
        _matched = meter.CreateCounter<long>("kring.requests.matched", "{request}", "Requests matched to a volunteer or own person");
        _expired = meter.CreateCounter<long>("kring.requests.expired", "{request}", "Requests that reached their start unmatched");
        _cancelled = meter.CreateCounter<long>("kring.requests.cancelled", "{request}", "Requests cancelled");
        _escalated = meter.CreateCounter<long>("kring.requests.escalated", "{request}", "Requests handed to a partner's coordinator");
        _completed = meter.CreateCounter<long>("kring.requests.completed", "{request}", "Requests done, with the hours reported");
        _toFirstOffer = Seconds(meter, "kring.requests.time_to_first_offer", "From filing to the first offer", WaitBuckets);
        _toMatch = Seconds(meter, "kring.requests.time_to_match", "From filing to the match", WaitBuckets);
        _offersMade = meter.CreateCounter<long>("kring.offers.made", "{offer}", "Offers sent to volunteers");
        _offersAccepted = meter.CreateCounter<long>("kring.offers.accepted", "{offer}", "Offers accepted (the request is matched)");
        _offersDeclined = meter.CreateCounter<long>("kring.offers.declined", "{offer}", "Offers declined by the volunteer");
        _offersLapsed = meter.CreateCounter<long>("kring.offers.lapsed", "{offer}", "Offers nobody answered in time");
        _waveSize = Count(meter, "kring.offers.wave_size", "{offer}", "Offers in one wave for one request");
        _passDuration = Seconds(meter, "kring.shard.pass.duration", "One matching pass or deadline tick of a shard", PassBuckets);
        _passDue = Count(meter, "kring.shard.pass.due_requests", "{request}", "Requests a pass planned");
        _shardWrites = meter.CreateCounter<long>("kring.shard.writes", "{write}", "Rows a shard wrote or cleared at its checkpoints");
        _mailQueued = meter.CreateCounter<long>("kring.mail.queued", "{message}", "Mail put in an outbox");
        _mailSent = meter.CreateCounter<long>("kring.mail.sent", "{message}", "Mail handed to the relay");
        _mailRetried = meter.CreateCounter<long>("kring.mail.retried", "{message}", "Failed mail attempts that will be tried again");
        _mailParked = meter.CreateCounter<long>("kring.mail.parked", "{message}", "Mail parked after its last attempt failed");
        _writeFailures = meter.CreateCounter<long>("kring.storage.write_failures", "{write}", "Grain state writes that failed");

        meter.CreateObservableGauge("kring.shard.pending_requests", () => Shards(r => r.Pending), "{request}",
            "Requests a shard is matching");
        meter.CreateObservableGauge("kring.shard.oldest_pending_age", () => Shards(r => r.OldestFiledAt is { } at
            ? Math.Max(0, (_clock.GetUtcNow() - at).TotalSeconds) : 0), "s", "Age of a shard's oldest pending request");
        // Measured at the scrape, not at the tick: a shard whose ticks stopped keeps its last reading, and its lag grows.
        meter.CreateObservableGauge("kring.shard.deadline_lag", () => Shards(r => r.EarliestStart is { } start
            ? Math.Max(0, (_clock.GetUtcNow() - start).TotalSeconds) : 0), "s",
            "How long ago the earliest start among a shard's pending requests passed; 0 when none has");
        meter.CreateObservableGauge("kring.shard.unmatched_within_24h_requests", () => Shards(r => r.StartingWithin24Hours),
            "{request}", "Pending requests that start within 24 hours");
        meter.CreateObservableGauge("kring.mail.unsent_messages", () => Outboxes(o => o.Unsent), "{message}",
            "Mail waiting in the outboxes");
        meter.CreateObservableGauge("kring.mail.parked_messages", () => Outboxes(o => o.Parked), "{message}",
            "Mail parked for an operator");
        meter.CreateObservableGauge("kring.mail.oldest_unsent_age", () => Outboxes(o => o.OldestQueuedAt is { } at
            ? Math.Max(0, (_clock.GetUtcNow() - at).TotalSeconds) : 0), "s", "Age of the oldest unsent mail");
    }

    public void RequestsFiled(string village, HelpKind kind, int count) => _filed.Add(count, Place(village, kind));

    /// <summary>A request's new status, once stored; <paramref name="firstOffer"/> when it is offered for the first time.</summary>
    public void RequestMoved(string village, HelpKind kind, RequestStatus status, DateTimeOffset filedAt, bool firstOffer)
    {
        var tags = Place(village, kind);
        var waited = Math.Max(0, (_clock.GetUtcNow() - filedAt).TotalSeconds);
        switch (status)
        {
            case RequestStatus.Offered when firstOffer:
                _toFirstOffer.Record(waited, tags);
                break;
            case RequestStatus.Matched:
                _matched.Add(1, tags);
                _toMatch.Record(waited, tags);
                break;
            case RequestStatus.Expired:
                _expired.Add(1, tags);
                break;
            case RequestStatus.Cancelled:
                _cancelled.Add(1, tags);
                break;
            case RequestStatus.Completed:
                _completed.Add(1, tags);
                break;
        }
    }

    public void RequestEscalated(string village, HelpKind kind) => _escalated.Add(1, Place(village, kind));

    public void Wave(string region, HelpKind kind, string reach, int offers)
    {
        _offersMade.Add(offers, new TagList { { "region", region }, { "kind", kind.Code() }, { "reach", reach } });
        _waveSize.Record(offers, new TagList { { "region", region } });
    }

    public void OfferAccepted(string region, HelpKind kind, string reach) =>
        _offersAccepted.Add(1, new TagList { { "region", region }, { "kind", kind.Code() }, { "reach", reach } });

    public void OfferDeclined(string region, HelpKind kind) => _offersDeclined.Add(1, Shard(region, kind));

    public void OffersLapsed(string region, HelpKind kind, int count) => _offersLapsed.Add(count, Shard(region, kind));

    public void ShardPass(string region, TimeSpan duration, int due)
    {
        var tags = new TagList { { "region", region } };
        _passDuration.Record(duration.TotalSeconds, tags);
        _passDue.Record(due, tags);
    }

    public void ShardWrites(string region, int rows) => _shardWrites.Add(rows, new TagList { { "region", region } });

    public void ShardRead(string region, ShardReading reading) => _shards[region] = reading;

    /// <summary>Zero rather than removed: the exporter goes on showing a gauge's last value, and the shard lives elsewhere now.</summary>
    public void ShardGone(string region) => _shards[region] = new ShardReading(0, null, null, 0);

    public void MailQueued() => _mailQueued.Add(1);

    public void MailSent(int count) => _mailSent.Add(count);

    public void MailFailed(bool parked) => (parked ? _mailParked : _mailRetried).Add(1);

    public void OutboxRead(string outbox, OutboxReading reading) => _outboxes[outbox] = reading;

    public void OutboxGone(string outbox) => _outboxes[outbox] = new OutboxReading(0, 0, null);

    public void StorageWriteFailed(string grainType) => _writeFailures.Add(1, new TagList { { "grain_type", grainType } });

    private static TagList Place(string village, HelpKind kind) => new() { { "village", village }, { "kind", kind.Code() } };

    private static TagList Shard(string region, HelpKind kind) => new() { { "region", region }, { "kind", kind.Code() } };

    private IEnumerable<Measurement<double>> Shards(Func<ShardReading, double> value) =>
        _shards.Select(s => new Measurement<double>(value(s.Value), new KeyValuePair<string, object?>("region", s.Key)));

    private IEnumerable<Measurement<double>> Outboxes(Func<OutboxReading, double> value) =>
        _outboxes.Select(o => new Measurement<double>(value(o.Value), new KeyValuePair<string, object?>("outbox", o.Key)));

    private static Histogram<double> Seconds(Meter meter, string name, string description, double[] buckets) =>
        meter.CreateHistogram(name, "s", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets });

    private static Histogram<int> Count(Meter meter, string name, string unit, string description) =>
        meter.CreateHistogram(name, unit, description, tags: null, new InstrumentAdvice<int> { HistogramBucketBoundaries = CountBuckets });
}

/// <summary>A shard's backlog at its last tick.</summary>
public sealed record ShardReading(int Pending, DateTimeOffset? OldestFiledAt, DateTimeOffset? EarliestStart, int StartingWithin24Hours);

/// <summary>An outbox after its last change.</summary>
public sealed record OutboxReading(int Unsent, int Parked, DateTimeOffset? OldestQueuedAt);
