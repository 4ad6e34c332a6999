using System.Diagnostics;
using Kring.Benchmarks.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kring.Benchmarks.Benchmarks;

/// <summary>
/// The raw Orleans grain-call rate on this machine: one in-process silo (localhost clustering, in-memory storage),
/// the trivial <see cref="IPingGrain"/>, many callers in a closed loop through the co-hosted client for a few
/// seconds. No Kring grain comes anywhere near this; it is the ceiling.
/// </summary>
public static class GrainCallBenchmark
{
    public sealed record Result(double CallsPerSecond, long Calls, TimeSpan Elapsed, int Callers, int Grains, double SingleCallerPerSecond);

    public static async Task<Result> Run(CommandLine options)
    {
        var seconds = options.Number("call-seconds", 5);
        var callers = options.Number("callers", 512);
        var grains = options.Number("ping-grains", 1000);

        var log = new LogCounter();
        var builder =
            new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "Kring.Benchmarks" });
        builder.Logging.AddProvider(log);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(Ports.Free(), Ports.Free(), serviceId: "kring-benchmark", clusterId: "kring-benchmark")
            .AddMemoryGrainStorageAsDefault());
        using var host = builder.Build();
        await host.StartAsync();
        var factory = host.Services.GetRequiredService<IGrainFactory>();

        // Activate every grain and warm the JIT before the clock starts.
        await Task.WhenAll(Enumerable.Range(0, grains).Select(i => factory.GetGrain<IPingGrain>(i).Ping(i)));
        await Hammer(factory, callers, grains, TimeSpan.FromSeconds(1));

        var single = await Hammer(factory, 1, grains, TimeSpan.FromSeconds(1));
        var (calls, elapsed) = await Hammer(factory, callers, grains, TimeSpan.FromSeconds(seconds));
        await host.StopAsync();

        var result = new Result(calls / elapsed.TotalSeconds, calls, elapsed, callers, grains, single.Calls / single.Elapsed.TotalSeconds);
        Console.WriteLine();
        Console.WriteLine($"grain calls: trivial grain, in-process silo (localhost clustering, in-memory storage), calls through the " +
            $"co-hosted client");
        Console.WriteLine($"  ceiling        {result.CallsPerSecond,12:N0} calls/s  ({calls:N0} calls by {callers} concurrent callers " +
            $"over {grains:N0} grains in {elapsed.TotalSeconds:F1} s)");
        Console.WriteLine($"  one caller     {result.SingleCallerPerSecond,12:N0} calls/s  ({1e6 / result.SingleCallerPerSecond:F0} µs " +
            $"per round trip)");
        Console.WriteLine(log.Describe("  "));
        return result;
    }

    private static async Task<(long Calls, TimeSpan Elapsed)> Hammer(IGrainFactory factory, int callers, int grains, TimeSpan duration)
    {
        long calls = 0;
        var clock = Stopwatch.StartNew();
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var grain = c % grains;
            long mine = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                await factory.GetGrain<IPingGrain>(grain).Ping(c);
                grain = (grain + callers) % grains;
                mine++;
            }
            Interlocked.Add(ref calls, mine);
        })));
        return (calls, clock.Elapsed);
    }
}
