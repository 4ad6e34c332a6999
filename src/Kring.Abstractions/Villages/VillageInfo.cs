namespace Kring;

/// <summary>
/// Something people in the village do together. <see cref="GoodExample"/>: a *pareltje*, an example worth following. The
/// village contact person keeps them up to date (<see cref="UpdatedBy"/>); the seed's have no author.
/// </summary>
[GenerateSerializer, Alias("kring.Initiative")]
public sealed record Initiative(
    [property: Id(0)] string Name,
    [property: Id(1)] string Description,
    [property: Id(2)] bool GoodExample = false,
    [property: Id(3)] string? UpdatedBy = null,
    [property: Id(4)] DateTimeOffset? UpdatedAt = null)
{
    public const int MaxNameLength = 80;
    public const int MaxDescriptionLength = 500;
}

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
