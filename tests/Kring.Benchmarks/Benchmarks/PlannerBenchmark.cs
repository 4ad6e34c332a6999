using System.Diagnostics;
using Kring.Benchmarks.Commands;
using Kring.Benchmarks.Instances;
using Kring.Matching;
using Kring.Matching.Baselines;
using Kring.Matching.Planning;

namespace Kring.Benchmarks.Benchmarks;

/// <summary>
/// Fill rate of the batch planner against first-come-first-served greedy, the flow upper bound and, on small
/// instances, the exact optimum; planning time; and the memory per volunteer of the candidate index.
/// </summary>
public static class PlannerBenchmark
{
    private static readonly (string Name, int Volunteers, int Requests)[] Sizes =
        [("stein", 150, 300), ("region", 10_000, 50_000), ("netherlands", 500_000, 200_000)];

    private const int SmallInstances = 20;
    private const int SmallVolunteers = 30;
    private const int SmallRequests = 40;
    private const int SmallDays = 1; // squeezed into one day, so volunteers compete for the requests

    public static int Run(CommandLine options)
    {
        var seed = options.Number("seed", 1);
        var only = options.Optional("sizes")?.Split(',');
        Console.WriteLine($"planner benchmark: seed {seed}, {Environment.ProcessorCount} cores, one week of requests");
        var valid = CompareWithOptimum(seed);
        foreach (var (name, volunteers, requests) in Sizes)
        {
            if (only is null || only.Contains(name)) valid &= Measure(name, seed, volunteers, requests);
        }
        return valid ? 0 : 1;
    }

    private static bool CompareWithOptimum(int seed)
    {
        int optimum = 0, planned = 0, greedy = 0, bound = 0, optimalRuns = 0, proven = 0;
        var worst = 1.0;
        var valid = true;
        for (var i = 0; i < SmallInstances; i++)
        {
            var (volunteers, needs) = InstanceGenerator.Generate(seed * 1000 + i, SmallVolunteers, SmallRequests, SmallDays).ToModel();
            var graph = CandidateGraph.Build(volunteers, needs);
            var exact = new ExactPlanner().Solve(graph);
            var plan = new BatchPlanner().Plan(graph);
            valid &= PlanValidator.Validate(volunteers, needs, plan).Count == 0;
            optimum += exact.Assignments.Count;
            planned += plan.Count;
            greedy += new GreedyPlanner().Plan(graph).Count;
            bound += UpperBound.Compute(graph, exact.Assignments.Count);
            if (exact.Optimal) proven++;
            if (plan.Count == exact.Assignments.Count) optimalRuns++;
            if (exact.Assignments.Count > 0) worst = Math.Min(worst, (double)plan.Count / exact.Assignments.Count);
        }
        Console.WriteLine();
        Console.WriteLine($"exact: {SmallInstances} instances of {SmallVolunteers} volunteers x {SmallRequests} requests on one day " +
            $"({proven}/{SmallInstances} proven optimal)");
        Console.WriteLine($"  optimum      {optimum,7}/{SmallInstances * SmallRequests}");
        Console.WriteLine($"  planner      {planned,7}  {PlanCommand.Percent(planned, optimum)} of optimum, optimal on " +
            $"{optimalRuns}/{SmallInstances}, worst instance {100 * worst:F1}%");
        Console.WriteLine($"  greedy       {greedy,7}  {PlanCommand.Percent(greedy, optimum)} of optimum");
        Console.WriteLine($"  upper bound  {bound,7}  optimum is {PlanCommand.Percent(optimum, bound)} of it");
        return valid;
    }

    private static bool Measure(string name, int seed, int volunteerCount, int requestCount)
    {
        var clock = Stopwatch.StartNew();
        var (volunteers, needs) = InstanceGenerator.Generate(seed, volunteerCount, requestCount).ToModel();
        var generated = clock.Elapsed;
        var horizon = CandidateGraph.HorizonOf(needs) ?? throw new InvalidOperationException("No valid request.");

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (index, indexTime, indexRetained, indexAllocated) = Measured(() => VolunteerIndex.Build(volunteers, horizon));
        var (graph, graphTime, graphRetained, _) = Measured(() => CandidateGraph.Build(index, needs));
        var (plan, planTime) = Timed(() => new BatchPlanner().Plan(graph));
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var (greedy, greedyTime) = Timed(() => new GreedyPlanner().Plan(graph));
        var (bound, boundTime) = Timed(() => UpperBound.Compute(graph, plan.Count));
        var planViolations = PlanValidator.Validate(volunteers, needs, plan).Count;
        var greedyViolations = PlanValidator.Validate(volunteers, needs, greedy).Count;
        var total = indexTime + graphTime + planTime;

        Console.WriteLine();
        Console.WriteLine($"{name}: {volunteers.Count:N0} volunteers, {needs.Count:N0} requests (generated in " +
            $"{generated.TotalSeconds:F1} s)");
        Console.WriteLine($"  candidate index  {index.EntryCount:N0} slot entries, {indexRetained / (double)volunteers.Count:F0} " +
            $"B/volunteer retained, " +
                          $"{indexAllocated / (double)volunteers.Count:F0} B/volunteer allocated, built in {indexTime.TotalSeconds:F2} s");
        Console.WriteLine($"  candidate pairs  {graph.EdgeCount:N0} ({graph.EdgeCount / (double)needs.Count:F1} per request), " +
                          $"{graphRetained / (double)volunteers.Count:F0} B/volunteer retained, found in {graphTime.TotalSeconds:F2} s");
        Console.WriteLine($"  planner      {Fill(plan.Count, needs.Count, bound)}  {total.TotalSeconds,6:F2} s total " +
            $"({planTime.TotalSeconds:F2} s after the candidates; {cpu.TotalSeconds:F2} s CPU incl. GC)  violations {planViolations}");
        Console.WriteLine($"  greedy       {Fill(greedy.Count, needs.Count, bound)}  {greedyTime.TotalSeconds,6:F2} s after the " +
            $"candidates  violations {greedyViolations}");
        Console.WriteLine($"  upper bound  {bound,7:N0}  {PlanCommand.Percent(bound, needs.Count),6}  {boundTime.TotalSeconds,6:F2} s");
        GC.KeepAlive(index);
        return planViolations == 0 && greedyViolations == 0;
    }

    private static string Fill(int filled, int total, int bound) =>
        $"{filled,7:N0}  {PlanCommand.Percent(filled, total),6}  ({PlanCommand.Percent(filled, bound)} of bound)";

    private static (T Result, TimeSpan Time) Timed<T>(Func<T> run)
    {
        var clock = Stopwatch.StartNew();
        var result = run();
        return (result, clock.Elapsed);
    }

    /// <summary>
    /// Runs <paramref name="build"/> and reports what its result keeps alive (GC.GetTotalMemory after full
    /// collections) and what it allocated on all threads (the builds run in parallel).
    /// </summary>
    private static (T Result, TimeSpan Time, long Retained, long Allocated) Measured<T>(Func<T> build)
    {
        var retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var (result, time) = Timed(build);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;
        GC.KeepAlive(result);
        return (result, time, retained, allocated);
    }
}
