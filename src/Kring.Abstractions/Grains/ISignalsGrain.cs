using Orleans.Concurrency;

namespace Kring;

/// <summary>The consultant's list of carers needing attention. Key: "default".</summary>
[Alias("kring.ISignalsGrain")]
public interface ISignalsGrain : IGrainWithStringKey
{
    /// <summary>Raises or updates the signal for a circle. Idempotent.</summary>
    [Alias("Raise")] Task Raise(CarerSignal signal);
    [Alias("Clear")] Task Clear(string circleId);
    [Alias("GetSignals"), ReadOnly] Task<IReadOnlyList<CarerSignal>> GetSignals();
}
