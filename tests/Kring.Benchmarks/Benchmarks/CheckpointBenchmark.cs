using System.Diagnostics;
using System.Globalization;
using Kring.Benchmarks.Cluster;
using Kring.Grains;
using Kring.Hosting.Seeding;

namespace Kring.Benchmarks.Benchmarks;

/// <summary>
/// What the matching shard writes per pass as the number of pending requests grows (issue #12). Per size, a silo of
/// its own (<see cref="EmbeddedSilo"/>, SQLite) and a region built through the grain interfaces; the shard is filled
/// with N pending requests, and once the database is quiet (a checkpoint has passed) one more request is filed and
/// the rows written until it is quiet again are compared in two snapshots of OrleansStorage. Then the same over one
/// tick of the shard with nothing new. Without volunteers (the default) the requests stay pending unoffered.
/// </summary>
public static class CheckpointBenchmark
{
    private const string RowState = "matching-request";
    private const int InFlight = 64;
    private static readonly MatchingOptions Defaults = new();
    private static readonly TimeSpan Quiet = 2 * Defaults.CheckpointInterval + TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ShortQuiet = TimeSpan.FromSeconds(1);

    private sealed record Fill(int Submitted, int Failures, TimeSpan Elapsed, bool Stopped);

    private sealed record Result(int Size, Fill Fill, int Pending, bool WasQuiet, IReadOnlyList<StateWrites> Pass, TimeSpan PassWindow,
        IReadOnlyList<StateWrites> Tick, long SingleRowBytes);

    public static async Task<int> Run(CommandLine options)
    {
        if (options.Optional("postgres") is not null) throw new ArgumentException("checkpoint runs on SQLite only.");
        var sizes = (options.Optional("sizes") ?? "100,10000,50000").Split(',')
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var volunteers = options.Number("volunteers", 0);
        var perCircle = options.Number("per-circle", 50);
        var fillLimit = TimeSpan.FromSeconds(options.Number("fill-seconds", 300));
        var escalate = options.Optional("escalate") is not null;
        Console.WriteLine($"checkpoint benchmark: {Environment.ProcessorCount} cores, load average {GrainsBenchmark.LoadAverage()}; " +
                          $"checkpoint every {Defaults.CheckpointInterval.TotalSeconds:F0} s, tick every " +
                          $"{Defaults.TickInterval.TotalSeconds:F0} s; {volunteers} volunteers (never answering), " +
                          $"{perCircle} requests per circle; " +
                          (escalate ? "the seeded partners take escalations" : "no partner takes escalations (--escalate to keep them)"));
        var results = new List<Result>();
        foreach (var size in sizes)
        {
            results.Add(await RunOne(size, volunteers, perCircle, fillLimit, escalate, options.Optional("data-parent")));
        }
        PrintSummary(results);
        return results.All(r => r.Pending == r.Fill.Submitted + 1 && r.Fill.Failures == 0) ? 0 : 1;
    }

    private static async Task<Result> RunOne(int size, int volunteers, int perCircle, TimeSpan fillLimit, bool escalate,
        string? dataParent)
    {
        await using var silo = await EmbeddedSilo.Start(dataParent);
        var db = silo.SqlitePath!;
        var setup = Stopwatch.StartNew();
        if (!escalate) await WithoutEscalation(silo.Grains);
        var region = await BenchRegion.Create(silo.Grains, "bench-checkpoint", size / perCircle + 2, volunteers);
        Console.WriteLine();
        Console.WriteLine($"N = {size:N0}: region of {region.Villages.Count} villages, {region.Circles.Count} circles, {volunteers} " +
                          $"volunteers, set up in {setup.Elapsed.TotalSeconds:F1} s ({silo.Where})");

        var fill = await FillShard(region, size, fillLimit);
        Console.WriteLine($"  filed {fill.Submitted:N0} requests in {fill.Elapsed.TotalSeconds:F1} s " +
                          $"({fill.Submitted / fill.Elapsed.TotalSeconds:F0}/s), {fill.Failures} failures" +
                          (fill.Stopped ? $"; STOPPED after {fillLimit.TotalSeconds:F0} s" : ""));
        var caughtUp = Stopwatch.StartNew();
        var pending = await WaitPending(region, fill.Submitted, TimeSpan.FromMinutes(5));
        Console.WriteLine($"  shard counted {pending:N0} pending {caughtUp.Elapsed.TotalSeconds:F1} s after the last filing");
        var (wasQuiet, waited) = await WaitQuiet(db, TimeSpan.FromMinutes(2), Quiet);
        Console.WriteLine("  database " +
                          (wasQuiet ? $"quiet after {waited.TotalSeconds:F1} s" : $"NEVER quiet for {Quiet.TotalSeconds:F1} s " +
                              $"within {waited.TotalSeconds:F0} s"));

        // Each tick rewrites rows of its own (see the README), so the request goes in just after one tick's writes ended.
        var (synced, _) = await WaitQuiet(db, TimeSpan.FromSeconds(40), ShortQuiet, afterChange: true);
        var before = StorageSnapshot.Read(db);
        var window = Stopwatch.StartNew();
        var (circleId, request) = region.NextRequest();
        await region.Circle(circleId).SubmitRequest(request);
        var written = await Until(() => StorageSnapshot.VersionOf(db, RowState, "/" + request.Id) > 0, TimeSpan.FromSeconds(30));
        await WaitQuiet(db, TimeSpan.FromSeconds(30), ShortQuiet + Defaults.CheckpointInterval);
        var after = StorageSnapshot.Read(db);
        window.Stop();
        var pass = after.WrittenSince(before);
        Print($"one more request, filed {(synced ? "just after a tick's writes" : "NOT in step with the ticks")} (its row " +
              $"{(written ? "written" : "NOT written")}; {window.Elapsed.TotalSeconds:F1} s until quiet)", pass);

        await Task.Delay(Defaults.TickInterval + Quiet);
        var tick = StorageSnapshot.Read(db).WrittenSince(after);
        Print($"{(Defaults.TickInterval + Quiet).TotalSeconds:F1} s later, nothing new (at least one tick)", tick);

        var rows = after.Rows.Where(r => r.StateName == RowState && r.Bytes > 0).ToList();
        var single = rows.Sum(r => r.Bytes);
        Console.WriteLine($"  the old single \"matching\" row would be about {single:N0} B (the {rows.Count:N0} {RowState} " +
                          $"payloads, {(rows.Count == 0 ? 0 : single / rows.Count):N0} B each), written on every pass");
        pending = await WaitPending(region, fill.Submitted + 1, TimeSpan.FromMinutes(2));
        Console.WriteLine(silo.Log.Describe("  "));
        return new Result(size, fill, pending, wasQuiet, pass, window.Elapsed, tick, single);
    }

    /// <summary>
    /// Redefines the seeded partners with no services. Otherwise a request nobody can take goes to a partner's queue, a
    /// single row rewritten whole for each request escalated, which would dwarf the shard's rows and slow the filling.
    /// </summary>
    private static async Task WithoutEscalation(IGrainFactory grains)
    {
        var directory = grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default);
        var seeded = SeedFiles.Municipality().Partners.Count;
        IReadOnlyList<PartnerInfo> partners = [];
        await Until(() => (partners = directory.GetPartners().GetAwaiter().GetResult()).Count >= seeded, TimeSpan.FromSeconds(30));
        foreach (var partner in partners) await grains.GetGrain<IPartnerGrain>(partner.Id).Define(partner with { Services = [] });
    }

    /// <summary>Files requests with at most <see cref="InFlight"/> unanswered, until all are filed or the limit has passed.</summary>
    private static async Task<Fill> FillShard(BenchRegion region, int count, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var slots = new SemaphoreSlim(InFlight);
        var failures = 0;
        var submitted = 0;
        var tasks = new List<Task>(count);
        for (; submitted < count && clock.Elapsed < limit; submitted++)
        {
            await slots.WaitAsync();
            var (circleId, request) = region.NextRequest();
            tasks.Add(Submit(region.Circle(circleId), request));
            if (submitted % 10_000 == 9_999) Console.WriteLine($"    {submitted + 1:N0} filed after {clock.Elapsed.TotalSeconds:F0} s");
        }
        await Task.WhenAll(tasks);
        return new Fill(submitted, failures, clock.Elapsed, submitted < count);

        async Task Submit(ICarerCircleGrain circle, NewHelpRequest request)
        {
            try
            {
                await circle.SubmitRequest(request);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (Interlocked.Increment(ref failures) == 1) Console.WriteLine($"    first failure: {e.GetType().Name}: {e.Message}");
            }
            finally
            {
                slots.Release();
            }
        }
    }

    /// <summary>The shard's count once it reached the expected one; a shard too busy to answer in time is asked again.</summary>
    private static async Task<int> WaitPending(BenchRegion region, int expected, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var pending = -1;
        while (pending < expected && clock.Elapsed < timeout)
        {
            try
            {
                pending = await region.Shard.PendingCount();
            }
            catch (TimeoutException)
            {
                Console.WriteLine($"    shard did not answer PendingCount within the call timeout ({clock.Elapsed.TotalSeconds:F0} s)");
            }
            if (pending < expected) await Task.Delay(250);
        }
        return pending;
    }

    /// <summary>
    /// Waits until no row of the database changed for <paramref name="quiet"/> (two checkpoint intervals and a half second:
    /// the last checkpoint has passed), with <paramref name="afterChange"/> only once something changed first; false when
    /// that did not happen within <paramref name="timeout"/>.
    /// </summary>
    private static async Task<(bool Quiet, TimeSpan Waited)> WaitQuiet(string db, TimeSpan timeout, TimeSpan quiet,
        bool afterChange = false)
    {
        var clock = Stopwatch.StartNew();
        var last = StorageSnapshot.Versions(db);
        var changedAt = clock.Elapsed;
        var changed = !afterChange;
        while (!changed || clock.Elapsed - changedAt <= quiet)
        {
            if (clock.Elapsed > timeout) return (false, clock.Elapsed);
            await Task.Delay(100);
            var now = StorageSnapshot.Versions(db);
            if (now == last) continue;
            last = now;
            changed = true;
            changedAt = clock.Elapsed;
        }
        return (true, clock.Elapsed);
    }

    private static async Task<bool> Until(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) return false;
            await Task.Delay(100);
        }
        return true;
    }

    private static void Print(string title, IReadOnlyList<StateWrites> writes)
    {
        Console.WriteLine($"  {title}: {writes.Sum(w => w.Rows):N0} rows, {writes.Sum(w => w.Writes):N0} writes, " +
                          $"{writes.Sum(w => w.Bytes):N0} B");
        foreach (var w in writes)
        {
            Console.WriteLine($"    {w.StateName,-18} {w.Rows,7:N0} rows {w.Writes,7:N0} writes {w.Bytes,12:N0} B");
        }
    }

    private static void PrintSummary(IReadOnlyList<Result> results)
    {
        Console.WriteLine();
        Console.WriteLine($"summary (load average now {GrainsBenchmark.LoadAverage()}); B = payload bytes of the rows written");
        Console.WriteLine("        N  pending  filled/s | one request: request rows      B  all rows        B | one tick: request rows" +
                          "          B | old single row B");
        foreach (var r in results)
        {
            var (passRows, passBytes) = Of(r.Pass, RowState);
            var (tickRows, tickBytes) = Of(r.Tick, RowState);
            Console.WriteLine($"{r.Size,9:N0} {r.Pending,8:N0} {r.Fill.Submitted / r.Fill.Elapsed.TotalSeconds,9:F0} | " +
                              $"{passRows,25:N0} {passBytes,6:N0} {r.Pass.Sum(w => w.Rows),9:N0} {r.Pass.Sum(w => w.Bytes),8:N0} | " +
                              $"{tickRows,22:N0} {tickBytes,10:N0} | {r.SingleRowBytes,16:N0}" +
                              (r.Fill.Stopped ? "  (fill stopped at the time limit)" : "") + (r.WasQuiet ? "" : "  (never quiet)"));
        }
    }

    private static (int Rows, long Bytes) Of(IReadOnlyList<StateWrites> writes, string state) =>
        writes.FirstOrDefault(w => w.StateName == state) is { } w ? (w.Rows, w.Bytes) : (0, 0);
}
