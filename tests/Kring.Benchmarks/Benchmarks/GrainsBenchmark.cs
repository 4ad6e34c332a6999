using System.Reflection;
using System.Runtime;
using Kring.Benchmarks.Cluster;

namespace Kring.Benchmarks.Benchmarks;

/// <summary>
/// The Orleans figures in one run: the raw grain-call ceiling, end-to-end matches per second on real storage,
/// request → first offer at fixed arrival rates against the target, and the matching index's memory per volunteer.
/// </summary>
public static class GrainsBenchmark
{
    public static async Task<int> Run(CommandLine options)
    {
        var rate = options.Number("rate", 100);
        var duration = options.Number("duration", 20);
        var lowRate = options.Number("low-rate", 20);
        var lowDuration = options.Number("low-duration", 10);
        var drain = TimeSpan.FromSeconds(options.Number("drain", 20));
        var accept = options.Optional("no-accept") is null;
        var circles = options.Number("circles", 900);
        var volunteers = options.Number("volunteers", 150);

        var orleans =
            typeof(Grain).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split(' ',
            '+')[0].TrimEnd('.');
        Console.WriteLine($"grains benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, Orleans {orleans}, " +
                          $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC (as Kring.Web), load average {LoadAverage()}");

        var memory = IndexMemoryBenchmark.Run(options);
        var calls = await GrainCallBenchmark.Run(options);

        MatchThroughputBenchmark.Result throughput;
        OfferLatencyBenchmark.Result? low = null;
        OfferLatencyBenchmark.Result latency;
        var silo = await EmbeddedSilo.Start(options.Optional("data-parent"), options.Optional("postgres"));
        await using (silo)
        {
            Console.WriteLine();
            Console.WriteLine($"benchmark silo: {silo.Where}, Kring:Demo=false");
            throughput = await MatchThroughputBenchmark.Run(silo, options);
            var region = await BenchRegion.Create(silo.Grains, "bench-latency", circles, volunteers);
            if (lowRate > 0) low = await OfferLatencyBenchmark.Run(silo, region, lowRate, lowDuration, drain, accept, isTarget: false);
            latency = await OfferLatencyBenchmark.Run(silo, region, rate, duration, drain, accept, isTarget: true);
            Console.WriteLine();
            Console.WriteLine("benchmark silo");
            Console.WriteLine(silo.Log.Describe("  "));
        }

        Console.WriteLine();
        Console.WriteLine($"summary (load average now {LoadAverage()}; other work on this machine lowers every figure)");
        Console.WriteLine($"  grain-call ceiling (trivial grain)             {calls.CallsPerSecond,9:N0} calls/s");
        Console.WriteLine($"  end-to-end matches, {silo.Storage,-26} {throughput.MatchesPerSecond,9:F1} matches/s  " +
                          $"({throughput.Matched}/{throughput.Requests} matched, {throughput.WritesPerMatch:F1} storage writes per match)");
        if (low is not null) Console.WriteLine(Line(low, silo.Storage));
        Console.WriteLine(Line(latency, silo.Storage));
        Console.WriteLine($"  target: p99 < {OfferLatencyBenchmark.TargetP99Ms:F0} ms at {latency.Rate} requests/s            " +
            $"{(latency.TargetMet ? "MET" : "NOT MET")}");
        Console.WriteLine($"  matching index memory                          {memory.BytesPerVolunteer,9:N0} B/volunteer  " +
                          $"({memory.BytesPerVolunteerWithCommitments:N0} B with 4 assignments)");

        // A missed target is a figure, not a failure; requests that never got matched are.
        return throughput.Complete ? 0 : 1;
    }

    /// <summary>The 1, 5 and 15 minute load averages, where Linux tells them.</summary>
    internal static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static string Line(OfferLatencyBenchmark.Result r, string storage) =>
        $"  request → first offer at {r.Rate,3} requests/s, {storage}  p50 {OfferLatencyBenchmark.Ms(r.P50Ms)}, p99 " +
        $"{OfferLatencyBenchmark.Ms(r.P99Ms)}, " +
        $"max {OfferLatencyBenchmark.Ms(r.MaxMs)}  ({r.Offered}/{r.Requests} offered)";
}
