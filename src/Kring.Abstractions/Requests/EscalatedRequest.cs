namespace Kring;

/// <summary>A request waiting in a partner coordinator's queue because matching found nobody in time.</summary>
[GenerateSerializer, Alias("kring.EscalatedRequest")]
public sealed record EscalatedRequest(
    [property: Id(0)] RequestSummary Request,
    [property: Id(1)] DateTimeOffset EscalatedAt,
    [property: Id(2)] string Reason);
