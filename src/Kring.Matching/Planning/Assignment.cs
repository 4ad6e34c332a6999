namespace Kring.Matching.Planning;

/// <summary>One need given to one volunteer.</summary>
public sealed record Assignment(string NeedId, string VolunteerId);

/// <summary>
/// A broken rule in a plan. <see cref="Reason"/> is an <see cref="Ineligibility"/> name, or one of
/// UnknownNeed, UnknownVolunteer, AssignedTwice.
/// </summary>
public sealed record PlanViolation(string NeedId, string VolunteerId, string Reason);

/// <summary>Assigns needs to volunteers so that every assignment passes <see cref="Eligibility.Check"/>.</summary>
public interface IPlanner
{
    IReadOnlyList<Assignment> Plan(CandidateGraph graph);
}

public static class PlannerExtensions
{
    public static IReadOnlyList<Assignment> Plan(this IPlanner planner, IReadOnlyList<VolunteerCandidate> volunteers,
        IReadOnlyList<HelpNeed> needs) =>
        planner.Plan(CandidateGraph.Build(volunteers, needs));
}
