namespace Kring;

[GenerateSerializer, Alias("kring.VillageMembers")]
public sealed record VillageMembers(
    [property: Id(0)] VillageInfo Info,
    [property: Id(1)] IReadOnlyList<string> Circles,
    [property: Id(2)] IReadOnlyList<string> Volunteers,
    [property: Id(3)] IReadOnlyList<RequestSummary> Requests);
