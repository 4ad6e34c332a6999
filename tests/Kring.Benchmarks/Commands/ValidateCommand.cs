using Kring.Benchmarks.Instances;
using Kring.Matching.Planning;

namespace Kring.Benchmarks.Commands;

/// <summary>validate --in INSTANCE.json --assignment ASSIGNMENT.json; exit code 1 when a hard constraint is broken.</summary>
public static class ValidateCommand
{
    public static int Run(CommandLine options)
    {
        var (volunteers, needs) = InstanceFile.Read(options.Required("in")).ToModel();
        var assignments = AssignmentFile.Read(options.Required("assignment")).ToModel().ToList();
        var violations = PlanValidator.Validate(volunteers, needs, assignments);
        foreach (var v in violations) Console.WriteLine($"{v.NeedId} -> {v.VolunteerId}: {v.Reason}");
        Console.WriteLine(violations.Count == 0
            ? $"valid: {assignments.Count}/{needs.Count} requests filled"
            : $"invalid: {violations.Count} violations in {assignments.Count} assignments");
        return violations.Count == 0 ? 0 : 1;
    }
}
