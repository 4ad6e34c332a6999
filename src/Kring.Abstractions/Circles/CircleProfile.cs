namespace Kring;

[GenerateSerializer, Alias("kring.CircleProfile")]
public sealed record CircleProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string Village,
    [property: Id(2)] string CarerName,
    [property: Id(3)] int CarerAge,
    [property: Id(4)] string CareRecipientName,
    [property: Id(5)] string Relationship,
    [property: Id(6)] IReadOnlyList<string> CareNeeds,
    [property: Id(7)] string? Phone,
    [property: Id(8)] string? Address,
    [property: Id(9)] ContactDetails? Contact = null);
