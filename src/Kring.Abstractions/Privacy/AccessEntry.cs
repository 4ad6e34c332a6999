namespace Kring;

/// <summary>What someone did with a circle's personal data.</summary>
[GenerateSerializer, Alias("kring.AccessKind")]
public enum AccessKind
{
    /// <summary>The circle: carer, person cared for, needs, requests.</summary>
    CircleViewed = 0,
    RequestViewed = 1,
    /// <summary>Shown among other circles: a list, a table, a queue.</summary>
    Listed = 2,
    /// <summary>A matched volunteer saw the carer's contact details for their assignment.</summary>
    ContactViewed = 3,
    CheckIn = 4,
    Registered = 5,
    Exported = 6,
    Erased = 7,
    /// <summary>The consultant gave the carer an account for the circle.</summary>
    AccountCreated = 8,
    /// <summary>The consultant linked a professional to the circle; they see nothing until the carer consents.</summary>
    ProfessionalLinked = 9,
    /// <summary>The carer consented to a linked professional seeing the circle.</summary>
    ProfessionalConsented = 10,
    /// <summary>The carer or the consultant ended a professional's link.</summary>
    ProfessionalUnlinked = 11,
}

/// <summary>
/// One line of a circle's access log: who, in which role, when (UTC), what and through which route. The same view
/// repeated shortly after is merged into the line: <see cref="Times"/> counts the views, <see cref="LastAt"/> is the
/// latest (null for a single view; entries stored before merging existed read as one view).
/// </summary>
[GenerateSerializer, Alias("kring.AccessEntry")]
public sealed record AccessEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string UserName,
    [property: Id(2)] Role Role,
    [property: Id(3)] AccessKind Kind,
    [property: Id(4)] string Route,
    [property: Id(5)] string? RequestId = null,
    [property: Id(6)] int Times = 1,
    [property: Id(7)] DateTimeOffset? LastAt = null);
