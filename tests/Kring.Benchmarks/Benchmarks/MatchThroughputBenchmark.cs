using System.Collections.Concurrent;
using System.Diagnostics;
using Kring.Benchmarks.Cluster;

namespace Kring.Benchmarks.Benchmarks;

/// <summary>
/// End-to-end matches per second through the Kring grains on the embedded default's real storage (SQLite). Requests
/// go in through <see cref="ICarerCircleGrain.SubmitRequest"/> with at most a window of them unmatched at a time (a
/// closed loop: the rate the system sustains, not a backlog), and volunteers accept their offers as they arrive
/// (<see cref="Acceptors"/>). A match counts when the volunteer's accept answered Accepted: the circle confirmed it
/// and both sides stored it. Storage writes are counted in the database.
/// </summary>
public static class MatchThroughputBenchmark
{
    public sealed record Result(int Requests, int Matched, double MatchesPerSecond, double WritesPerMatch, double P50Ms, double P99Ms,
        bool Complete);

    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(30);

    public static async Task<Result> Run(EmbeddedSilo silo, CommandLine options)
    {
        var requestCount = options.Number("requests", 600);
        var window = options.Number("window", 64);
        var circles = options.Number("circles", 900);
        var volunteers = options.Number("volunteers", 150);

        var setup = Stopwatch.StartNew();
        var region = await BenchRegion.Create(silo.Grains, "bench-throughput", circles, volunteers);
        setup.Stop();

        var loop = new ClosedLoop(requestCount, new SemaphoreSlim(window));
        await using var acceptors = new Acceptors(silo.Grains, silo.Probe, workers: 16, loop.Answered);

        silo.Probe.ClearReceiveOfferMs();
        var writesBefore = silo.WritesByGrainType();
        var (elapsed, stalled) = await loop.SubmitAll(region);
        var writesAfter = await WritesAfterSettling(silo, region);

        var matched = loop.Matched;
        var writes = writesAfter.ToDictionary(w => w.Key, w => w.Value - writesBefore.GetValueOrDefault(w.Key));
        var totalWrites = writes.Values.Sum();
        var toMatch = loop.SubmitToMatchMs();
        var result = new Result(requestCount, matched, matched / elapsed.TotalSeconds, matched == 0 ? 0 : totalWrites / (double)matched,
            Percentiles.Of(toMatch, 0.50), Percentiles.Of(toMatch, 0.99), matched == requestCount && loop.SubmitFailures == 0);

        Console.WriteLine();
        Console.WriteLine($"end-to-end matching: {silo.Storage} through Orleans' ADO.NET storage, one region of {region.Villages.Count} " +
            $"villages, " +
                          $"{circles} circles, {volunteers} volunteers (set up in {setup.Elapsed.TotalSeconds:F1} s); all buddy " +
                          $"requests, so one shard");
        Console.WriteLine($"  {requestCount} requests submitted through ICarerCircleGrain.SubmitRequest, at most {window} unmatched at a " +
            $"time; the first volunteer offered accepts");
        Console.WriteLine($"  matched        {matched,6}/{requestCount} in {elapsed.TotalSeconds:F1} s  = {result.MatchesPerSecond:F1} " +
            $"matches/s" + (stalled ? "  (STALLED: no match for 30 s)" : ""));
        Console.WriteLine($"  submit → match p50 {result.P50Ms:F0} ms, p99 {result.P99Ms:F0} ms (includes waiting behind the window's " +
            $"other requests)");
        var perGrain = writes.Where(w => w.Value > 0).OrderByDescending(w => w.Value)
            .Select(w => $"{w.Key} {w.Value / (double)Math.Max(1, matched):F1}");
        Console.WriteLine($"  storage writes {totalWrites,6:N0} = {result.WritesPerMatch:F1} per match ({string.Join(", ", perGrain)}), " +
                          $"{totalWrites / elapsed.TotalSeconds:N0} writes/s");
        var receive = silo.Probe.ReceiveOfferMs().Order().ToArray();
        Console.WriteLine($"  ReceiveOffer   in the volunteer grain (written behind) p50 " +
            $"{OfferLatencyBenchmark.Ms(Percentiles.Of(receive, 0.50))}, " +
                          $"p99 {OfferLatencyBenchmark.Ms(Percentiles.Of(receive, 0.99))}");
        Console.WriteLine($"  accept replies: {acceptors.Describe()}; submit failures: {loop.SubmitFailures}");
        return result;
    }

    /// <summary>The storage writes per grain type once the settling has finished (the other offers withdrawn).</summary>
    private static async Task<IReadOnlyDictionary<string, long>> WritesAfterSettling(EmbeddedSilo silo, BenchRegion region)
    {
        var settle = Stopwatch.StartNew();
        while (await region.Shard.PendingCount() > 0 && settle.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        await Task.Delay(500);
        return silo.WritesByGrainType();
    }

    /// <summary>
    /// The closed loop: at most a window of requests unmatched at a time. A slot frees when a request of the run is
    /// accepted, or when its submission fails.
    /// </summary>
    private sealed class ClosedLoop(int requestCount, SemaphoreSlim slots)
    {
        private readonly ConcurrentDictionary<string, long> _submitted = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, long> _matchedAt = new(StringComparer.Ordinal);
        private readonly SemaphoreSlim _slots = slots;
        private readonly TaskCompletionSource _allMatched = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _submitFailures;
        private long _lastProgress = Stopwatch.GetTimestamp();

        public int Matched => _matchedAt.Count;

        public int SubmitFailures => _submitFailures;

        /// <summary>The acceptors' hook: the reply to a volunteer's accept, and when it came.</summary>
        public void Answered(string requestId, OfferReply reply, long at)
        {
            if (reply != OfferReply.Accepted || !_submitted.ContainsKey(requestId) || !_matchedAt.TryAdd(requestId, at)) return;
            Volatile.Write(ref _lastProgress, at);
            _slots.Release();
            if (_matchedAt.Count == requestCount) _allMatched.TrySetResult();
        }

        /// <summary>
        /// Submits every request as slots free up and waits for the last matches, unless no match came for <see cref="Stall"/>.
        /// The elapsed time runs from the first submission to the last match.
        /// </summary>
        public async Task<(TimeSpan Elapsed, bool Stalled)> SubmitAll(BenchRegion region)
        {
            var clock = Stopwatch.StartNew();
            var stalled = false;
            for (var i = 0; i < requestCount && !stalled; i++)
            {
                while (!await _slots.WaitAsync(TimeSpan.FromSeconds(1)))
                {
                    if (Stopwatch.GetElapsedTime(Volatile.Read(ref _lastProgress)) > Stall) { stalled = true; break; }
                }
                if (stalled) break;
                var (circleId, request) = region.NextRequest();
                _submitted[request.Id] = Stopwatch.GetTimestamp();
                _ = Submit(region.Circle(circleId), request);
            }
            while (!stalled && !_allMatched.Task.IsCompleted)
            {
                await Task.WhenAny(_allMatched.Task, Task.Delay(1000));
                stalled = Stopwatch.GetElapsedTime(Volatile.Read(ref _lastProgress)) > Stall;
            }
            clock.Stop();
            var elapsed = _matchedAt.IsEmpty ? clock.Elapsed : Stopwatch.GetElapsedTime(_submitted.Values.Min(), _matchedAt.Values.Max());
            return (elapsed, stalled);
        }

        /// <summary>Submission to match of every matched request, in milliseconds, ascending.</summary>
        public double[] SubmitToMatchMs() =>
            _matchedAt.Select(m => Stopwatch.GetElapsedTime(_submitted[m.Key], m.Value).TotalMilliseconds).Order().ToArray();

        private async Task Submit(ICarerCircleGrain circle, NewHelpRequest request)
        {
            try
            {
                await circle.SubmitRequest(request);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _submitFailures);
                _slots.Release();
            }
        }
    }
}
