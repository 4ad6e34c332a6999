namespace Kring;

/// <summary>What the matching index needs to know about a volunteer.</summary>
[GenerateSerializer, Alias("kring.VolunteerSnapshot")]
public sealed record VolunteerSnapshot(
    [property: Id(0)] VolunteerProfile Profile,
    [property: Id(1)] AvailabilityDto Availability,
    [property: Id(2)] IReadOnlyList<Assignment> Commitments);
