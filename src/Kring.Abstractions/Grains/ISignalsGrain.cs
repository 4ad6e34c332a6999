using Orleans.Concurrency;

namespace Kring;

/// <summary>
/// The consultant's list of carers needing attention: the balance check-ins' signals, and referrals by a village contact
/// person (those with a <see cref="CarerSignal.Source"/>), one of each per circle. Key: "default".
/// </summary>
[Alias("kring.ISignalsGrain")]
public interface ISignalsGrain : IGrainWithStringKey
{
    /// <summary>Raises or updates the signal for a circle. Idempotent.</summary>
    [Alias("Raise")] Task Raise(CarerSignal signal);
    /// <summary>Clears the circle's balance signal; a referral stays until it is handled.</summary>
    [Alias("Clear")] Task Clear(string circleId);
    /// <summary>The consultant handled the circle's referral. Idempotent.</summary>
    [Alias("Handled")] Task Handled(string circleId);
    /// <summary>Clears everything about the circle, for its erasure. Idempotent.</summary>
    [Alias("Forget")] Task Forget(string circleId);
    /// <summary>Referrals first, newest first; then the balance signals, the most pressing first.</summary>
    [Alias("GetSignals"), ReadOnly] Task<IReadOnlyList<CarerSignal>> GetSignals();
}
