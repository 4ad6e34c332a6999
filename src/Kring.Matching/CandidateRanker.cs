namespace Kring.Matching;

/// <summary>An eligible volunteer with the soft score that ordered them. Continuity comes first, then higher scores.</summary>
public sealed record RankedCandidate(VolunteerCandidate Volunteer, double Score, double DistanceKm, bool Continuity);

/// <summary>
/// Orders the eligible volunteers for one request by the soft criteria: continuity first, then
/// fairness (fewest hours already this week) and distance.
/// </summary>
public static class CandidateRanker
{
    public const double ContinuityBonus = 100;
    public const double PerHourThisWeek = 2;
    public const double PerKm = 1;

    public static IReadOnlyList<RankedCandidate> Rank(HelpNeed need, IEnumerable<VolunteerCandidate> volunteers,
        ISet<string>? exclude = null)
    {
        var ranked = new List<RankedCandidate>();
        foreach (var volunteer in volunteers)
        {
            if (exclude is not null && exclude.Contains(volunteer.Id)) continue;
            if (Eligibility.Check(volunteer, need) != Ineligibility.None) continue;
            var distance = volunteer.Home.DistanceKm(need.Location);
            var previousIndex = IndexOf(need.PreviousVolunteers, volunteer.Id);
            var continuity = previousIndex >= 0;
            var score = (continuity ? ContinuityBonus - previousIndex : 0)
                        - PerHourThisWeek * Eligibility.HoursInWeek(volunteer, need.Window)
                        - PerKm * distance;
            ranked.Add(new RankedCandidate(volunteer, score, distance, continuity));
        }
        ranked.Sort((a, b) =>
        {
            // Lexicographic, so a previous helper with many hours or a long drive still comes before any stranger.
            var byContinuity = b.Continuity.CompareTo(a.Continuity);
            if (byContinuity != 0) return byContinuity;
            var byScore = b.Score.CompareTo(a.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(a.Volunteer.Id, b.Volunteer.Id);
        });
        return ranked;
    }

    /// <summary>Orders requests so the most urgent and overloaded carers are served first, then the earliest.</summary>
    public static int CompareUrgency(HelpNeed a, HelpNeed b)
    {
        var byOverload = b.Overloaded.CompareTo(a.Overloaded);
        if (byOverload != 0) return byOverload;
        var byPriority = b.Priority.CompareTo(a.Priority);
        if (byPriority != 0) return byPriority;
        var byStart = a.Window.Start.CompareTo(b.Window.Start);
        return byStart != 0 ? byStart : string.CompareOrdinal(a.Id, b.Id);
    }

    private static int IndexOf(IReadOnlyList<string> list, string id)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == id) return i;
        }
        return -1;
    }
}
