namespace Kring;

[GenerateSerializer, Alias("kring.Initiative")]
public sealed record Initiative([property: Id(0)] string Name, [property: Id(1)] string Description);

[GenerateSerializer, Alias("kring.VillageInfo")]
public sealed record VillageInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Region,
    [property: Id(3)] double Lat,
    [property: Id(4)] double Lon,
    [property: Id(5)] string ContactName,
    [property: Id(6)] IReadOnlyList<Initiative> Initiatives,
    [property: Id(7)] IReadOnlyList<string> Neighbours);
