using System.Diagnostics;
using Kring.Benchmarks.Cluster;

namespace Kring.Benchmarks.Benchmarks;

/// <summary>
/// Request → first offer on the embedded default (SQLite) at a fixed arrival rate: an open loop submits a request
/// every 1/rate seconds whatever the answers, so a slow system shows as latency, not as a lower rate. The clock
/// starts just before <see cref="ICarerCircleGrain.SubmitRequest"/> is called and stops when
/// <see cref="IVolunteerGrain.ReceiveOffer"/> for the request's first offer has returned (the offer is stored and
/// visible in the volunteer's offers), timed in the silo by <see cref="OfferProbe"/>. Volunteers accept as the offers
/// arrive, as in the throughput run, so the system is in a steady state instead of piling up pending offers.
/// A request without an offer counts as slower than any with one.
/// </summary>
public static class OfferLatencyBenchmark
{
    public const double TargetP99Ms = 100;
    private const int Buckets = 10;

    public sealed record Result(int Rate, double AchievedRate, int Requests, int Offered, double P50Ms, double P99Ms, double MaxMs)
    {
        public bool TargetMet => Offered == Requests && P99Ms < TargetP99Ms;
    }

    public static async Task<Result> Run(EmbeddedSilo silo, BenchRegion region, int rate, int seconds, TimeSpan drain, bool accept,
        bool isTarget)
    {
        silo.Probe.ClearReceiveOfferMs();
        var count = rate * seconds;
        var loop = new OpenLoop(count);

        await using var acceptors = accept
            ? new Acceptors(silo.Grains, silo.Probe, workers: 16, (_, reply, _) => loop.Answered(reply))
            : null;
        loop.CountFirstOffers(silo.Probe);

        var arrivalSeconds = await loop.SubmitAndWaitForOffers(region, rate, drain);

        var latencies = loop.Latencies(silo.Probe);
        var sorted = latencies.Order().ToArray();
        var got = sorted.Count(double.IsFinite);
        var acks = loop.AcknowledgedMs();
        var result = new Result(rate, (count - 1) / arrivalSeconds, count, got,
            Percentiles.Of(sorted, 0.50), Percentiles.Of(sorted, 0.99), sorted[^1]);

        Console.WriteLine();
        Console.WriteLine($"request → first offer at {rate} requests/s: {silo.Storage}, open loop for {seconds} s, region of " +
            $"{region.Circles.Count} circles " +
                          $"and {region.Volunteers.Count} volunteers (one shard); " +
                          (accept ? "volunteers accept as offers arrive" : "nobody accepts (--no-accept): offers stay pending"));
        Console.WriteLine($"  arrivals       {count} requests at {result.AchievedRate:F1} requests/s achieved");
        Console.WriteLine($"  offered        {got}/{count} had a first offer (waited up to {drain.TotalSeconds:F0} s after the last " +
            $"submission, until 5 s passed without a new offer); {loop.Matched} matched");
        Console.WriteLine($"  latency        p50 {Ms(result.P50Ms)}, p90 {Ms(Percentiles.Of(sorted, 0.90))}, p99 {Ms(result.P99Ms)}, max " +
            $"{Ms(result.MaxMs)}");
        if (got < count && got > 0)
        {
            var finite = sorted.Take(got).ToArray();
            Console.WriteLine($"  of the offered p50 {Ms(Percentiles.Of(finite, 0.50))}, p99 {Ms(Percentiles.Of(finite, 0.99))}, max " +
                $"{Ms(finite[^1])}");
        }
        Console.WriteLine($"  p99 by arrival time ({seconds / (double)Buckets:0.#} s each): {string.Join(" | ", Timeline(latencies))}");
        var receive = silo.Probe.ReceiveOfferMs().Order().ToArray();
        Console.WriteLine($"  ReceiveOffer   in the volunteer grain (written behind) p50 {Ms(Percentiles.Of(receive, 0.50))}, p99 " +
            $"{Ms(Percentiles.Of(receive, 0.99))}");
        Console.WriteLine($"  SubmitRequest  answered p50 {Ms(Percentiles.Of(acks, 0.50))}, p99 {Ms(Percentiles.Of(acks, 0.99))}; " +
            $"failures {loop.Failures}");
        Console.WriteLine(isTarget
            ? $"  target         p99 < {TargetP99Ms:F0} ms at {rate} requests/s: {(result.TargetMet ? "MET" : "NOT MET")}"
            : $"  p99 < {TargetP99Ms:F0} ms   {(result.TargetMet ? "yes" : "no")} at this rate (the target is set at another rate)");
        if (acceptors is not null) Console.WriteLine($"  accept replies: {acceptors.Describe()}");
        else silo.Probe.OnFirstOffer = null;
        return result;
    }

    /// <summary>
    /// The open loop: one request every 1/rate seconds whatever the answers, with when each was submitted, when its
    /// submission was answered, and how many have had their first offer.
    /// </summary>
    private sealed class OpenLoop(int count)
    {
        private readonly long[] _submitted = new long[count];
        private readonly long[] _acknowledged = new long[count];
        private readonly string[] _ids = new string[count];
        private readonly TaskCompletionSource _allOffered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _failures;
        private int _matched;
        private int _offered;
        private long _lastOffer;

        public int Failures => _failures;

        public int Matched => Volatile.Read(ref _matched);

        /// <summary>The acceptors' hook: the reply to a volunteer's accept.</summary>
        public void Answered(OfferReply reply)
        {
            if (reply == OfferReply.Accepted) Interlocked.Increment(ref _matched);
        }

        /// <summary>Counts first offers as they come, on top of the acceptors' hook.</summary>
        public void CountFirstOffers(OfferProbe probe)
        {
            var toAcceptors = probe.OnFirstOffer;
            probe.OnFirstOffer = (volunteerId, requestId) =>
            {
                toAcceptors?.Invoke(volunteerId, requestId);
                Volatile.Write(ref _lastOffer, Stopwatch.GetTimestamp());
                if (Interlocked.Increment(ref _offered) == count) _allOffered.TrySetResult();
            };
        }

        /// <summary>Submits every request at its due time, then waits for the offers; returns the seconds the arrivals took.</summary>
        public async Task<double> SubmitAndWaitForOffers(BenchRegion region, int rate, TimeSpan drain)
        {
            var tasks = new List<Task>(count);
            var period = Stopwatch.Frequency / (double)rate;
            var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
            for (var i = 0; i < count; i++)
            {
                var due = start + (long)(i * period);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                var (circleId, request) = region.NextRequest();
                _ids[i] = request.Id;
                _submitted[i] = Stopwatch.GetTimestamp();
                tasks.Add(Submit(region.Circle(circleId), request, i));
            }
            var lastSubmitted = Stopwatch.GetTimestamp();
            var arrivalSeconds = Stopwatch.GetElapsedTime(_submitted[0], _submitted[^1]).TotalSeconds;
            // Wait until every request has its offer, or no new offer came for 5 s, or the drain time is up.
            while (!_allOffered.Task.IsCompleted && Stopwatch.GetElapsedTime(lastSubmitted) < drain
                   && Stopwatch.GetElapsedTime(Math.Max(lastSubmitted, Volatile.Read(ref _lastOffer))) < TimeSpan.FromSeconds(5))
            {
                await Task.WhenAny(_allOffered.Task, Task.Delay(100));
            }
            await Task.WhenAll(tasks);
            return arrivalSeconds;
        }

        /// <summary>Request → first offer in milliseconds, in arrival order; infinite for a request without an offer.</summary>
        public double[] Latencies(OfferProbe probe)
        {
            var latencies = new double[count];
            for (var i = 0; i < count; i++)
            {
                latencies[i] =
                    probe.TryGetFirstOffer(_ids[i], out var at)
                    ? Stopwatch.GetElapsedTime(_submitted[i], at).TotalMilliseconds : double.PositiveInfinity;
            }
            return latencies;
        }

        /// <summary>Submission to its answer in milliseconds, ascending; infinite for a submission never answered.</summary>
        public double[] AcknowledgedMs() => _acknowledged.Select((a, i) =>
            a == 0 ? double.PositiveInfinity : Stopwatch.GetElapsedTime(_submitted[i], a).TotalMilliseconds).Order().ToArray();

        private async Task Submit(ICarerCircleGrain circle, NewHelpRequest request, int index)
        {
            try
            {
                await circle.SubmitRequest(request);
                _acknowledged[index] = Stopwatch.GetTimestamp();
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _failures);
            }
        }
    }

    private static IEnumerable<string> Timeline(double[] latencies)
    {
        var size = (latencies.Length + Buckets - 1) / Buckets;
        for (var i = 0; i < latencies.Length; i += size)
        {
            yield return Short(Percentiles.Of(latencies.Skip(i).Take(size).Order().ToArray(), 0.99));
        }
    }

    private static string Short(double ms) =>
        double.IsPositiveInfinity(ms) ? "none" : ms >= 10_000 ? $"{ms / 1000:F0} s" : ms >= 1000 ? $"{ms / 1000:F1} s" : $"{ms:F0} ms";

    internal static string Ms(double ms) => double.IsPositiveInfinity(ms) ? "no offer" : ms >= 10_000 ? $"{ms / 1000:F1} s" : $"{ms:F1} ms";
}
