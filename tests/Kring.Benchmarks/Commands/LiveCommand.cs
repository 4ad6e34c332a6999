using System.Diagnostics;
using Kring.Benchmarks.Benchmarks;
using Kring.Benchmarks.Instances;
using Kring.Benchmarks.Live;
using Kring.Benchmarks.Reference;
using Kring.Matching;
using Kring.Matching.Baselines;
using Kring.Matching.Planning;
using PlannedAssignment = Kring.Matching.Planning.Assignment;

namespace Kring.Benchmarks.Commands;

/// <summary>
/// live --in INSTANCE.json --out ASSIGNMENT.json [options]: plays an instance through the grains (see
/// <see cref="LivePlay"/>) and compares the bookings with the batch planner, greedy and CP-SAT's optimum on the same
/// instance; with --decline-sweep, plays it at several decline shares.
/// </summary>
public static class LiveCommand
{
    private static readonly double[] SweepDeclines = [0, 0.1, 0.25, 0.5];

    public static async Task<int> Run(CommandLine options)
    {
        var instance = InstanceFile.Read(options.Required("in"));
        var sweep = options.Flag("decline-sweep");
        var baselinesOnly = options.Flag("baselines-only");
        var output = sweep || baselinesOnly ? options.Optional("out") : options.Required("out");
        var settings = Settings(options);
        var live = LiveInstance.From(instance, DateTimeOffset.UtcNow);
        var (volunteers, needs) = instance.ToModel();
        Console.WriteLine($"live: {instance.Volunteers.Count} volunteers, {instance.Requests.Count} requests, {live.Circles.Count} " +
            $"circles, {instance.Villages.Count} villages in region '{LiveInstance.Region}'; times moved {live.Weeks} weeks ahead");
        var rate = settings.ArrivalRate > 0 ? $"{settings.ArrivalRate}/s" : "all at once";
        var set = string.Concat(settings.Configuration.Select(c => $", {c.Key}={c.Value}"));
        Console.WriteLine($"  arrival {settings.Arrival}, {rate}, reply delay {settings.ReplyDelay.TotalMilliseconds:F0} ms, seed " +
            $"{settings.Seed}{set}, quiet {settings.Quiet.TotalSeconds:F0} s, cap {settings.Cap.TotalSeconds:F0} s; SQLite (embedded), " +
            $"{Environment.ProcessorCount} cores, load {GrainsBenchmark.LoadAverage()}");

        var valid = baselinesOnly || (sweep ? await Sweep(live, settings, volunteers, needs, output)
            : await PlayOnce(live, settings, volunteers, needs, output!));
        Baselines(volunteers, needs, TimeSpan.FromSeconds(options.Real("cp-seconds", 30)));
        return valid ? 0 : 1;
    }

    private static LiveSettings Settings(CommandLine options)
    {
        var decline = options.Real("decline", 0);
        if (decline is < 0 or > 1) throw new ArgumentException("--decline is a share between 0 and 1.");
        return new LiveSettings(options.Optional("arrival") ?? "instance", options.Real("arrival-rate", 0),
            TimeSpan.FromMilliseconds(options.Number("reply-delay", 200)), decline, options.Number("seed", 1),
            TimeSpan.FromSeconds(options.Real("quiet", 12)), TimeSpan.FromSeconds(options.Real("max-seconds", 300)),
            options.Optional("data-parent"), Configuration(options.Optional("set")));
    }

    /// <summary>"Kring:Matching:WaveSize=1,Kring:Matching:RevisionWindow=00:00:00": the silo's settings over its defaults.</summary>
    private static Dictionary<string, string?> Configuration(string? set) =>
        (set ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(p => p.Length == 2 ? p[0] : throw new ArgumentException($"--set wants KEY=VALUE pairs, not '{p[0]}'."),
            string? (p) => p[1]);

    private static async Task<bool> PlayOnce(LiveInstance live, LiveSettings settings, List<VolunteerCandidate> volunteers,
        List<HelpNeed> needs, string output)
    {
        var result = await LivePlay.Run(live, settings);
        var valid = Report(result, settings, volunteers, needs);
        AssignmentFile.From(result.Bookings).Write(output);
        Console.WriteLine($"  wrote {output}");
        return valid;
    }

    /// <summary>Prints one play; returns whether its bookings are a valid assignment of the original instance.</summary>
    private static bool Report(LiveResult result, LiveSettings settings, List<VolunteerCandidate> volunteers, List<HelpNeed> needs)
    {
        var filled = result.Bookings.Count;
        var violations = PlanValidator.Validate(volunteers, needs, result.Bookings);
        Console.WriteLine();
        Console.WriteLine($"live play, decline {settings.Decline:F2} (instance set up in {result.Setup.TotalSeconds:F1} s)");
        Console.WriteLine($"  filled {filled}/{needs.Count} requests ({PlanCommand.Percent(filled, needs.Count)}), settled " +
            $"{result.Settled.TotalSeconds:F1} s after the first filing" + (result.Quiet ? "" : "  (CAP HIT: still busy)"));
        Console.WriteLine($"  offers {result.Offers} stored, {result.Refused} refused at delivery; answers: {result.Answers}");
        var perGrain = result.Writes.Where(w => w.Value > 0).OrderByDescending(w => w.Value)
            .Select(w => $"{w.Key} {w.Value / (double)Math.Max(1, filled):F1}");
        Console.WriteLine($"  storage writes {result.TotalWrites:N0} = {PerMatch(result)} per match ({string.Join(", ", perGrain)})");
        Console.WriteLine($"  rejected by the grains: {result.Rejected.Count}" +
            string.Concat(result.Rejected.Take(5).Select(r => Environment.NewLine + "    " + r)));
        Console.WriteLine(result.Disagreements == 0 ? "  circles and volunteers agree on every booking"
            : $"  circles and volunteers disagree on {result.Disagreements} bookings");
        Console.WriteLine(violations.Count == 0 ? "  valid on the original instance"
            : $"  INVALID on the original instance: {violations.Count} violations, first {violations[0]}");
        return violations.Count == 0 && result.Disagreements == 0;
    }

    private static string PerMatch(LiveResult result) =>
        result.Bookings.Count == 0 ? "-" : $"{result.TotalWrites / (double)result.Bookings.Count:F1}";

    private static async Task<bool> Sweep(LiveInstance live, LiveSettings settings, List<VolunteerCandidate> volunteers,
        List<HelpNeed> needs, string? output)
    {
        var rows = new List<string>();
        var valid = true;
        foreach (var decline in SweepDeclines)
        {
            var result = await LivePlay.Run(live, settings with { Decline = decline });
            valid &= Report(result, settings with { Decline = decline }, volunteers, needs);
            if (decline == 0 && output is not null) AssignmentFile.From(result.Bookings).Write(output);
            var filled = result.Bookings.Count;
            rows.Add($"  {decline,7:F2}  {filled,4}/{needs.Count,-4} {PlanCommand.Percent(filled, needs.Count),6}  {result.Offers,6}" +
                $"  {PerMatch(result),12}  {result.Settled.TotalSeconds,7:F1} s" + (result.Quiet ? "" : "  CAP HIT"));
        }
        Console.WriteLine();
        Console.WriteLine("decline sweep (a fresh silo per share)");
        Console.WriteLine("  decline  filled          offers  writes/match  settled");
        foreach (var row in rows) Console.WriteLine(row);
        return valid;
    }

    /// <summary>The same instance planned in one batch, with everything known up front.</summary>
    private static void Baselines(List<VolunteerCandidate> volunteers, List<HelpNeed> needs, TimeSpan cpLimit)
    {
        var graph = CandidateGraph.Build(volunteers, needs);
        var clock = Stopwatch.StartNew();
        var plan = new BatchPlanner().Plan(graph);
        var planTime = clock.Elapsed;
        clock.Restart();
        var greedy = new GreedyPlanner().Plan(graph);
        var greedyTime = clock.Elapsed;
        var exact = new CpSatPlanner(cpLimit, Environment.ProcessorCount).Solve(graph, plan);
        Console.WriteLine();
        Console.WriteLine($"the same instance planned in one batch ({graph.EdgeCount:N0} eligible pairs)");
        Console.WriteLine($"  planner (BatchPlanner)  {Fill(plan, needs)}  {planTime.TotalSeconds,6:F2} s" +
            Violations(volunteers, needs, plan));
        Console.WriteLine($"  greedy                  {Fill(greedy, needs)}  {greedyTime.TotalSeconds,6:F2} s" +
            Violations(volunteers, needs, greedy));
        Console.WriteLine($"  exact (CP-SAT)          {Fill(exact.Assignments, needs)}  {exact.Time.TotalSeconds,6:F2} s  " +
            (exact.Optimal ? "proved optimal" : $"NOT proved optimal within {cpLimit.TotalSeconds:F0} s ({exact.Status}, bound " +
                $"{exact.Bound:F0})") + Violations(volunteers, needs, exact.Assignments));
    }

    private static string Fill(IReadOnlyCollection<PlannedAssignment> plan, List<HelpNeed> needs) =>
        $"{plan.Count,5}/{needs.Count}  {PlanCommand.Percent(plan.Count, needs.Count),6}";

    private static string Violations(List<VolunteerCandidate> volunteers, List<HelpNeed> needs, IReadOnlyList<PlannedAssignment> plan) =>
        PlanValidator.Validate(volunteers, needs, plan).Count is var n and > 0 ? $"  {n} VIOLATIONS" : "";
}
