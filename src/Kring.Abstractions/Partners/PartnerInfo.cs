namespace Kring;

[GenerateSerializer, Alias("kring.PartnerInfo")]
public sealed record PartnerInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Description,
    [property: Id(3)] IReadOnlyList<PartnerService> Services,
    // Ids 5 and 6 held coordinators and a website that nothing ever set; they stay unused.
    [property: Id(4)] IReadOnlyList<string> Villages,
    [property: Id(7)] string? Address = null,
    [property: Id(8)] string? OpeningHours = null,
    [property: Id(9)] string? Phone = null,
    [property: Id(10)] string? Website = null,
    /// <summary>The municipality (region id) the partner works in; no <see cref="Villages"/> means all of its villages.</summary>
    [property: Id(11)] string? Municipality = null,
    /// <summary>The staff member who last changed the details on the sociale kaart; null while they are the seed's.</summary>
    [property: Id(12)] string? UpdatedBy = null,
    [property: Id(13)] DateTimeOffset? UpdatedAt = null);
