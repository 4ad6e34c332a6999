namespace Kring;

/// <summary>A carer received this year's appreciation (mantelzorgwaardering).</summary>
[GenerateSerializer, Alias("kring.AppreciationReceipt")]
public sealed record AppreciationReceipt(
    [property: Id(0)] string CircleId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By);
