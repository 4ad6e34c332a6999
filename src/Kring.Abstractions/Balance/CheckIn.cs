namespace Kring;

/// <summary>How a carer is doing, from their latest balance check-in.</summary>
[GenerateSerializer, Alias("kring.BalanceLevel")]
public enum BalanceLevel
{
    /// <summary>In balance.</summary>
    Good = 0,
    /// <summary>Worth a call from the carer consultant.</summary>
    Attention = 1,
    /// <summary>Overbelast: the carer's respite requests go first.</summary>
    Overloaded = 2,
}

/// <summary>One balance check-in. Answers run from 1 (light) to 5 (heavy); the score runs from 0 to 100.</summary>
[GenerateSerializer, Alias("kring.CheckIn")]
public sealed record CheckIn(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] IReadOnlyDictionary<string, int> Answers,
    [property: Id(2)] int Score,
    [property: Id(3)] BalanceLevel Level,
    [property: Id(4)] string By);
