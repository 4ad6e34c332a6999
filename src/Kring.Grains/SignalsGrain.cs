namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.Signals")]
public sealed class SignalsState
{
    /// <summary>The balance check-ins' signals, one per circle.</summary>
    [Id(0)] public Dictionary<string, CarerSignal> Signals { get; set; } = new();
    /// <summary>Referrals by a village contact person, one per circle, until the consultant handled them.</summary>
    [Id(1)] public Dictionary<string, CarerSignal> Referrals { get; set; } = new();
}

public sealed class SignalsGrain(
    [PersistentState("signals", KringStorage.Name)] IPersistentState<SignalsState> state) : Grain, ISignalsGrain
{
    public async Task Raise(CarerSignal signal)
    {
        var signals = signal.Source is null ? state.State.Signals : state.State.Referrals;
        if (signals.TryGetValue(signal.CircleId, out var known) && known == signal) return;
        signals[signal.CircleId] = signal;
        await state.WriteStateAsync();
    }

    public async Task Clear(string circleId)
    {
        if (state.State.Signals.Remove(circleId)) await state.WriteStateAsync();
    }

    public async Task Handled(string circleId)
    {
        if (state.State.Referrals.Remove(circleId)) await state.WriteStateAsync();
    }

    public async Task Forget(string circleId)
    {
        if (state.State.Signals.Remove(circleId) | state.State.Referrals.Remove(circleId)) await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<CarerSignal>> GetSignals() =>
        Task.FromResult<IReadOnlyList<CarerSignal>>(state.State.Referrals.Values.OrderByDescending(s => s.At)
            .Concat(state.State.Signals.Values.OrderByDescending(s => s.Level).ThenByDescending(s => s.Score)).ToList());
}
