namespace Kring;

[GenerateSerializer, Alias("kring.PartnerInfo")]
public sealed record PartnerInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Description,
    [property: Id(3)] IReadOnlyList<PartnerService> Services,
    // Ids 5 and 6 held coordinators and a website that nothing ever set; they stay unused.
    [property: Id(4)] IReadOnlyList<string> Villages);
