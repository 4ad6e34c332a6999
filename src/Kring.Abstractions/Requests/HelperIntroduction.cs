namespace Kring;

/// <summary>What a matched volunteer lets the carer know of them.</summary>
[GenerateSerializer, Alias("kring.HelperIntroduction")]
public sealed record HelperIntroduction(
    [property: Id(0)] string FirstName,
    [property: Id(1)] string? Phone);
