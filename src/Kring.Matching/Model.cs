namespace Kring.Matching;

/// <summary>A volunteer as the engine sees them. Kinds and skills are lower-case codes such as "buddy" or "dementia".</summary>
public sealed class VolunteerCandidate
{
    public required string Id { get; init; }
    /// <summary>The home village's id, for widening offers from the request's village outward.</summary>
    public string HomeVillage { get; init; } = "";
    public required GeoPoint Home { get; init; }
    public required double MaxKm { get; init; }
    public required IReadOnlySet<string> Kinds { get; init; }
    public IReadOnlySet<string> Skills { get; init; } = new HashSet<string>();
    public required Availability Availability { get; init; }
    /// <summary>Assignments and accepted-but-unconfirmed holds: time the volunteer has already promised.</summary>
    public IReadOnlyList<TimeWindow> Commitments { get; init; } = [];
    public double MaxHoursPerWeek { get; init; } = double.PositiveInfinity;

    /// <summary>The same volunteer with more time promised.</summary>
    public VolunteerCandidate WithCommitments(IEnumerable<TimeWindow> extra) => new()
    {
        Id = Id,
        HomeVillage = HomeVillage,
        Home = Home,
        MaxKm = MaxKm,
        Kinds = Kinds,
        Skills = Skills,
        Availability = Availability,
        Commitments = [.. Commitments, .. extra],
        MaxHoursPerWeek = MaxHoursPerWeek,
    };
}

/// <summary>A request for help as the engine sees it.</summary>
public sealed class HelpNeed
{
    public required string Id { get; init; }
    public required string CircleId { get; init; }
    public required GeoPoint Location { get; init; }
    public required string Kind { get; init; }
    public IReadOnlySet<string> Needs { get; init; } = new HashSet<string>();
    public required TimeWindow Window { get; init; }
    /// <summary>Higher is more urgent.</summary>
    public int Priority { get; init; }
    /// <summary>The carer is flagged as overloaded.</summary>
    public bool Overloaded { get; init; }
    /// <summary>Volunteers who helped this circle before, most recent first.</summary>
    public IReadOnlyList<string> PreviousVolunteers { get; init; } = [];
}

/// <summary>Why a volunteer cannot take a request. <see cref="None"/> means eligible.</summary>
public enum Ineligibility
{
    None,
    WrongKind,
    MissingSkills,
    Paused,
    DayOff,
    NotAvailable,
    TooFar,
    Overlap,
    HoursExceeded,
    InvalidWindow,
}
