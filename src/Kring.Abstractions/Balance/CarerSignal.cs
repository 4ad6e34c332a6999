namespace Kring;

/// <summary>A carer who needs the consultant's attention, and why.</summary>
[GenerateSerializer, Alias("kring.CarerSignal")]
public sealed record CarerSignal(
    [property: Id(0)] string CircleId,
    [property: Id(1)] string Village,
    [property: Id(2)] string Reason,
    [property: Id(3)] int Score,
    [property: Id(4)] BalanceLevel Level,
    [property: Id(5)] DateTimeOffset At,
    /// <summary>Who referred the carer, e.g. "Daan Fictief, dorpscontactpersoon"; null for a balance check-in's signal.</summary>
    [property: Id(6)] string? Source = null);
