namespace Kring.Matching.Planning;

/// <summary>
/// Checks a plan against every hard constraint with <see cref="Eligibility.Check"/>: each assignment is checked
/// with the volunteer's other assignments in the plan added to their commitments, which covers overlap and hours.
/// </summary>
public static class PlanValidator
{
    public static IReadOnlyList<PlanViolation> Validate(IReadOnlyList<VolunteerCandidate> volunteers, IReadOnlyList<HelpNeed> needs,
        IEnumerable<Assignment> assignments)
    {
        var volunteerById = volunteers.ToDictionary(v => v.Id);
        var needById = needs.ToDictionary(n => n.Id);
        var violations = new List<PlanViolation>();
        var assigned = new HashSet<string>();
        var byVolunteer = new Dictionary<string, List<HelpNeed>>();
        foreach (var (needId, volunteerId) in assignments)
        {
            if (!needById.TryGetValue(needId, out var need)) violations.Add(new(needId, volunteerId, "UnknownNeed"));
            else if (!volunteerById.ContainsKey(volunteerId)) violations.Add(new(needId, volunteerId, "UnknownVolunteer"));
            else if (!assigned.Add(needId)) violations.Add(new(needId, volunteerId, "AssignedTwice"));
            else
            {
                if (!byVolunteer.TryGetValue(volunteerId, out var list)) byVolunteer[volunteerId] = list = [];
                list.Add(need);
            }
        }

        foreach (var (volunteerId, list) in byVolunteer)
        {
            var volunteer = volunteerById[volunteerId];
            foreach (var need in list)
            {
                var probe = volunteer.WithCommitments(list.Where(other => !ReferenceEquals(other, need)).Select(other => other.Window));
                var reason = Eligibility.Check(probe, need);
                if (reason != Ineligibility.None) violations.Add(new(need.Id, volunteerId, reason.ToString()));
            }
        }
        return violations;
    }
}
