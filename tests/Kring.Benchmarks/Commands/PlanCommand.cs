using System.Diagnostics;
using Kring.Benchmarks.Instances;
using Kring.Matching.Planning;

namespace Kring.Benchmarks.Commands;

/// <summary>plan --in INSTANCE.json --out ASSIGNMENT.json</summary>
public static class PlanCommand
{
    public static int Run(CommandLine options)
    {
        var (volunteers, needs) = InstanceFile.Read(options.Required("in")).ToModel();
        var clock = Stopwatch.StartNew();
        var assignments = new BatchPlanner().Plan(volunteers, needs);
        clock.Stop();
        AssignmentFile.From(assignments).Write(options.Required("out"));
        Console.WriteLine($"filled {assignments.Count}/{needs.Count} requests ({Percent(assignments.Count, needs.Count)}) " +
                          $"with {volunteers.Count} volunteers in {clock.Elapsed.TotalSeconds:F2} s");
        return 0;
    }

    internal static string Percent(double part, double whole) => whole == 0 ? "-" : $"{100 * part / whole:F1}%";
}
