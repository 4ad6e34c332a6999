namespace Kring;

/// <summary>A municipality (*gemeente*): a tenant of Kring, with its own villages, partners and staff.</summary>
[GenerateSerializer, Alias("kring.MunicipalityInfo")]
public sealed record MunicipalityInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name);
