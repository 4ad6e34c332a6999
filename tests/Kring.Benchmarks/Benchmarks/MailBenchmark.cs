using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using Kring.Benchmarks.Cluster;
using Kring.Hosting.Mail;

namespace Kring.Benchmarks.Benchmarks;

/// <summary>
/// Offer made → mail accepted by the SMTP server, on the embedded default (SQLite) with mail delivery pointed at a real
/// SMTP server in the same process (<see cref="MailSink"/>). The volunteers of the region have an e-mail address and
/// want offers by mail, so <see cref="IVolunteerGrain.ReceiveOffer"/> queues one mail per offer in an outbox
/// (id "offer/{offerId}") before it returns, and the silo's <see cref="MailDelivery"/> leases and sends it. The clock
/// starts when ReceiveOffer returned (timed in the silo by <see cref="OfferProbe"/>) and stops when the sink accepted
/// the message whose Message-ID is <see cref="MailDelivery.MessageId"/> of that mail id. Requests arrive in an open
/// loop as in <see cref="OfferLatencyBenchmark"/>, first at Stein's load, then at 100 requests/s; volunteers accept
/// as offers arrive. Storage writes are counted in the database, the outboxes' own apart.
/// </summary>
public static class MailBenchmark
{
    public const double TargetP99Ms = 2000;
    private const string OutboxState = "mailoutbox";

    public sealed record Result(string Name, int Rate, int Requests, int Offers, int Mailed, int Duplicates, int Lost,
        double P50Ms, double P99Ms, double MaxMs, double OutboxWritesPerMessage, double WritesPerMessage)
    {
        public bool TargetMet => Mailed == Offers && Duplicates == 0 && P99Ms < TargetP99Ms;
    }

    public static async Task<int> Run(CommandLine options)
    {
        var steinRate = options.Number("stein-rate", 1);
        var steinDuration = options.Number("stein-duration", 20);
        var rate = options.Number("rate", 100);
        var duration = options.Number("duration", 20);
        var drain = TimeSpan.FromSeconds(options.Number("drain", 15));
        var circles = options.Number("circles", 900);
        var volunteers = options.Number("volunteers", 150);

        var orleans =
            typeof(Grain).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split(' ',
            '+')[0].TrimEnd('.');
        Console.WriteLine($"mail benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, Orleans {orleans}, " +
                          $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC (as Kring.Web), load average " +
                          $"{GrainsBenchmark.LoadAverage()}");

        Result stein;
        Result peak;
        var sink = await MailSink.Started();
        await using (sink)
        {
            var silo = await EmbeddedSilo.Start(options.Optional("data-parent"), options.Optional("postgres"), sink.Settings);
            await using (silo)
            {
                Console.WriteLine();
                Console.WriteLine($"benchmark silo: {silo.Where}, Kring:Demo=false; mail over SMTP (MailKit) to an in-process server on " +
                    $"127.0.0.1:{sink.Port}, " +
                                  $"Kring:Mail:Security=None, {MailOutboxes.Shards} outboxes polled every " +
                                  $"{new MailSettings().PollInterval.TotalMilliseconds:F0} ms");
                var setup = Stopwatch.StartNew();
                var region = await BenchRegion.Create(silo.Grains, "bench-mail", circles, volunteers, email: true);
                Console.WriteLine($"region of {region.Circles.Count} circles and {region.Volunteers.Count} volunteers with an e-mail " +
                    $"address (set up in {setup.Elapsed.TotalSeconds:F1} s)");
                stein = await Phase(silo, sink, region, "Stein's load", steinRate, steinDuration, drain);
                peak = await Phase(silo, sink, region, "the peak", rate, duration, drain);
                Console.WriteLine();
                Console.WriteLine("benchmark silo");
                Console.WriteLine(silo.Log.Describe("  "));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"summary (load average now {GrainsBenchmark.LoadAverage()}; other work on this machine lowers every figure)");
        Console.WriteLine(Line(stein));
        Console.WriteLine(Line(peak));
        Console.WriteLine($"  target: p99 < {TargetP99Ms / 1000:F0} s at {stein.Rate} requests/s: " +
            $"{(stein.TargetMet ? "MET" : "NOT MET")}; " +
                          $"at {peak.Rate} requests/s: {(peak.TargetMet ? "MET" : "NOT MET")}");

        // A missed target (mail still queued when the drain ended) is a figure, not a failure; a mail sent twice, or
        // neither sent nor queued any more, is.
        return stein.Duplicates + peak.Duplicates + stein.Lost + peak.Lost == 0 ? 0 : 1;
    }

    private static Task<Result> Phase(EmbeddedSilo silo, MailSink sink, BenchRegion region, string name, int rate, int seconds,
        TimeSpan drain) =>
        new MailPhase(silo, sink, name, rate, seconds, drain).Run(region);

    private sealed record Measured(Result Result, double[] Latencies, long Others, Dictionary<string, long> Writes, long OutboxWrites,
        long TotalWrites, int Per, double OfferSeconds, int StillQueued);

    /// <summary>
    /// One phase: its open loop of arrivals and the counters that the submissions, the acceptors and the probe's callback
    /// update concurrently (fields of this class, so Interlocked and Volatile act on the one shared copy).
    /// </summary>
    private sealed class MailPhase(EmbeddedSilo silo, MailSink sink, string name, int rate, int seconds, TimeSpan drain)
    {
        private readonly ConcurrentDictionary<string, byte> _requests = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, long> _offers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _messageIds = new(StringComparer.Ordinal);
        private readonly List<Task> _tasks = [];
        private int _failures;
        private int _matched;
        private long _lastOffer;

        private int Count => rate * seconds;

        public async Task<Result> Run(BenchRegion region)
        {
            silo.Probe.ClearReceiveOfferMs();
            var writesBefore = silo.WritesByGrainType();
            var receivedBefore = sink.Received;
            await using var acceptors = new Acceptors(silo.Grains, silo.Probe, workers: 16, (_, reply, _) =>
            {
                if (reply == OfferReply.Accepted) Interlocked.Increment(ref _matched);
            });
            silo.Probe.OnOffer = (offer, at) =>
            {
                if (!_requests.ContainsKey(offer.RequestId) || !_offers.TryAdd(offer.Id, at)) return;
                Volatile.Write(ref _lastOffer, at);
            };

            var (lastSubmitted, arrivalSeconds) = await SubmitArrivals(region);
            await WaitForDrain(lastSubmitted);
            await Task.WhenAll(_tasks);
            silo.Probe.OnOffer = null;
            var drained = Stopwatch.GetElapsedTime(lastSubmitted);

            // The outboxes record the delivery (one write per batch) after the last message of a batch went out.
            var settle = Stopwatch.StartNew();
            while (await OutboxPending(silo) > 0 && settle.Elapsed < TimeSpan.FromSeconds(2)) await Task.Delay(100);
            await Task.Delay(500);
            var writesAfter = silo.WritesByGrainType();
            var stillQueued = await OutboxPending(silo);

            var measured = Measure(writesBefore, writesAfter, receivedBefore, stillQueued);
            Print(measured, arrivalSeconds, drained, acceptors.Describe());
            return measured.Result;
        }

        private async Task<(long LastSubmitted, double ArrivalSeconds)> SubmitArrivals(BenchRegion region)
        {
            var period = Stopwatch.Frequency / (double)rate;
            var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
            long first = 0;
            for (var i = 0; i < Count; i++)
            {
                var due = start + (long)(i * period);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                var (circleId, request) = region.NextRequest();
                _requests[request.Id] = 0;
                if (i == 0) first = Stopwatch.GetTimestamp();
                _tasks.Add(Submit(region.Circle(circleId), request));
            }
            var lastSubmitted = Stopwatch.GetTimestamp();
            return (lastSubmitted, Stopwatch.GetElapsedTime(first, lastSubmitted).TotalSeconds);
        }

        private async Task Submit(ICarerCircleGrain circle, NewHelpRequest request)
        {
            try
            {
                await circle.SubmitRequest(request);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _failures);
            }
        }

        // Wait until every offer made so far has its mail, or 5 s passed without a new offer or mail, or the drain is up.
        private async Task WaitForDrain(long lastSubmitted)
        {
            while (Stopwatch.GetElapsedTime(lastSubmitted) < drain
                   && Stopwatch.GetElapsedTime(Math.Max(lastSubmitted,
                       Math.Max(Volatile.Read(ref _lastOffer), sink.LastReceived))) < TimeSpan.FromSeconds(5))
            {
                if (Stopwatch.GetElapsedTime(lastSubmitted) > TimeSpan.FromSeconds(1) && Mailed() == _offers.Count) break;
                await Task.Delay(250);
            }
        }

        private int Mailed()
        {
            foreach (var id in _offers.Keys)
            {
                if (!_messageIds.ContainsKey(id)) _messageIds[id] = MailDelivery.MessageId("offer/" + id);
            }
            return _messageIds.Values.Count(m => sink.Times(m) > 0);
        }

        private Measured Measure(IReadOnlyDictionary<string, long> writesBefore, IReadOnlyDictionary<string, long> writesAfter,
            long receivedBefore, int stillQueued)
        {
            Mailed();
            var made = _offers.ToArray();
            var latencies =
                made.Select(o =>
                sink.TryGetReceived(_messageIds[o.Key], out var at)
                ? Stopwatch.GetElapsedTime(o.Value, at).TotalMilliseconds : double.PositiveInfinity)
                .Order().ToArray();
            var mailed = latencies.Count(double.IsFinite);
            var duplicates = made.Count(o => sink.Times(_messageIds[o.Key]) > 1);
            var ours = made.Sum(o => (long)sink.Times(_messageIds[o.Key]));
            var others = sink.Received - receivedBefore - ours;
            var writes = writesAfter.ToDictionary(w => w.Key, w => w.Value - writesBefore.GetValueOrDefault(w.Key));
            var outboxWrites = writes.GetValueOrDefault(OutboxState);
            var totalWrites = writes.Values.Sum();
            // Per message queued (one per offer): each costs the outbox a write when queued, and a batch one when delivered.
            var per = Math.Max(1, made.Length);
            var offerSeconds = made.Length > 1 ? Stopwatch.GetElapsedTime(made.Min(o => o.Value), made.Max(o => o.Value)).TotalSeconds : 0;
            var lost = Math.Max(0, made.Length - mailed - stillQueued);
            var result = new Result(name, rate, Count, made.Length, mailed, duplicates, lost,
                Percentiles.Of(latencies, 0.50), Percentiles.Of(latencies, 0.99), latencies.Length == 0 ? double.NaN : latencies[^1],
                outboxWrites / (double)per, totalWrites / (double)per);
            return new Measured(result, latencies, others, writes, outboxWrites, totalWrites, per, offerSeconds, stillQueued);
        }

        private void Print(Measured m, double arrivalSeconds, TimeSpan drained, string accepts)
        {
            var result = m.Result;
            var latencies = m.Latencies;
            Console.WriteLine();
            Console.WriteLine($"offer → mail accepted by the SMTP server at {name}, {rate} requests/s: {silo.Storage}, open loop for " +
                $"{seconds} s, " +
                "every volunteer wants offers by mail; volunteers accept as offers arrive");
            Console.WriteLine($"  arrivals       {Count} requests at {(Count - 1) / Math.Max(arrivalSeconds, 1e-9):F1} requests/s " +
                $"achieved; {Volatile.Read(ref _matched)} matched; submit failures {_failures}");
            Console.WriteLine($"  offers         {result.Offers} made (ReceiveOffer returned true) over {m.OfferSeconds:F1} s = " +
                $"{result.Offers / Math.Max(m.OfferSeconds, 1e-9):F1} offers/s");
            Console.WriteLine($"  mail           {result.Mailed}/{result.Offers} offers' mails accepted by the SMTP server (waited " +
                $"{drained.TotalSeconds:F1} s after the last submission, " +
                $"at most {drain.TotalSeconds:F0} s, until 5 s passed without a new offer or mail); still queued in the " +
                $"outboxes: {m.StillQueued}" +
                (result.Lost > 0 ? $"; LOST {result.Lost}" : ""));
            Console.WriteLine($"  duplicates     {result.Duplicates} Message-IDs accepted more than once; {m.Others} other messages");
            Console.WriteLine($"  latency        p50 {Ms(result.P50Ms)}, p90 {Ms(Percentiles.Of(latencies, 0.90))}, " +
                $"p99 {Ms(result.P99Ms)}, max {Ms(result.MaxMs)}");
            if (result.Mailed < result.Offers && result.Mailed > 0)
            {
                var finite = latencies.Take(result.Mailed).ToArray();
                Console.WriteLine($"  of the mailed  p50 {Ms(Percentiles.Of(finite, 0.50))}, p99 {Ms(Percentiles.Of(finite, 0.99))}, max " +
                    $"{Ms(finite[^1])}");
            }
            var receive = silo.Probe.ReceiveOfferMs().Order().ToArray();
            Console.WriteLine($"  ReceiveOffer   in the volunteer grain (its write, then Queue in the outbox: the outbox's write) p50 " +
                $"{Ms(Percentiles.Of(receive, 0.50))}, " +
                $"p99 {Ms(Percentiles.Of(receive, 0.99))}, max {Ms(receive.Length == 0 ? double.NaN : receive[^1])}");
            var perGrain = m.Writes.Where(w => w.Value > 0).OrderByDescending(w => w.Value)
                .Select(w => $"{w.Key} {w.Value / (double)m.Per:F2}");
            Console.WriteLine($"  storage writes outbox ({OutboxState}) {m.OutboxWrites:N0} = {result.OutboxWritesPerMessage:F2} per " +
                $"message queued; all grains {m.TotalWrites:N0} = {result.WritesPerMessage:F1} per message queued " +
                $"({string.Join(", ", perGrain)})");
            Console.WriteLine($"  target         p99 < {TargetP99Ms / 1000:F0} s at {rate} requests/s: " +
                $"{(result.TargetMet ? "MET" : "NOT MET")}");
            Console.WriteLine($"  accept replies: {accepts}");
        }
    }

    private static async Task<int> OutboxPending(EmbeddedSilo silo)
    {
        var pending = 0;
        foreach (var key in MailOutboxes.Keys) pending += (await silo.Grains.GetGrain<IMailOutboxGrain>(key).GetStatus()).Pending;
        return pending;
    }

    private static string Line(Result r) =>
        $"  offer → mail accepted at {r.Rate,3} requests/s ({r.Name})  p50 {Ms(r.P50Ms)}, p99 {Ms(r.P99Ms)}, max {Ms(r.MaxMs)}  " +
        $"({r.Mailed}/{r.Offers} offers mailed, {r.Duplicates} duplicates; {r.OutboxWritesPerMessage:F2} outbox writes, " +
        $"{r.WritesPerMessage:F1} writes in all per message queued)";

    private static string Ms(double ms) =>
        double.IsNaN(ms) ? "n/a" : double.IsPositiveInfinity(ms) ? "no mail" : ms >= 10_000 ? $"{ms / 1000:F1} s" : $"{ms:F1} ms";
}
