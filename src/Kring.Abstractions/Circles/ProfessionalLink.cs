namespace Kring;

/// <summary>
/// A professional (casemanager dementie, wijkverpleegkundige) the consultant linked to a circle. They see the circle's
/// calendar and balance and may ask for help for the carer from <see cref="ConsentedAt"/> on; before it, nothing.
/// </summary>
[GenerateSerializer, Alias("kring.ProfessionalLink")]
public sealed record ProfessionalLink(
    [property: Id(0)] string UserName,
    [property: Id(1)] string Name,
    /// <summary>The consultant's user name.</summary>
    [property: Id(2)] string LinkedBy,
    [property: Id(3)] DateTimeOffset LinkedAt,
    [property: Id(4)] DateTimeOffset? ConsentedAt = null);
