namespace Kring;

/// <summary>A carer who needs the consultant's attention, and why.</summary>
[GenerateSerializer, Alias("kring.CarerSignal")]
public sealed record CarerSignal(
    [property: Id(0)] string CircleId,
    [property: Id(1)] string Village,
    [property: Id(2)] string Reason,
    [property: Id(3)] int Score,
    [property: Id(4)] BalanceLevel Level,
    [property: Id(5)] DateTimeOffset At);
