namespace Kring;

/// <summary>An offer as its answer link shows it, with the moment the link stops working.</summary>
[GenerateSerializer, Alias("kring.LinkedOffer")]
public sealed record LinkedOffer(
    [property: Id(0)] Offer Offer,
    [property: Id(1)] string VillageName,
    [property: Id(2)] DateTimeOffset ExpiresAt);
