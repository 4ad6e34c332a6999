namespace Kring;

[GenerateSerializer, Alias("kring.Assignment")]
public sealed record Assignment(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string CircleId,
    [property: Id(2)] string Village,
    [property: Id(3)] HelpKind Kind,
    [property: Id(4)] DateTimeOffset Start,
    [property: Id(5)] DateTimeOffset End,
    [property: Id(6)] string OfferId);
