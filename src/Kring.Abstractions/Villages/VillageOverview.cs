namespace Kring;

[GenerateSerializer, Alias("kring.VillageOverview")]
public sealed record VillageOverview(
    [property: Id(0)] string VillageId,
    [property: Id(1)] string Name,
    [property: Id(2)] int Carers,
    [property: Id(3)] int YoungCarers,
    [property: Id(4)] int Volunteers,
    [property: Id(5)] int Open,
    [property: Id(6)] int Offered,
    [property: Id(7)] int Matched);
