namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.Signals")]
public sealed class SignalsState
{
    [Id(0)] public Dictionary<string, CarerSignal> Signals { get; set; } = new();
}

public sealed class SignalsGrain(
    [PersistentState("signals", KringStorage.Name)] IPersistentState<SignalsState> state) : Grain, ISignalsGrain
{
    public async Task Raise(CarerSignal signal)
    {
        if (state.State.Signals.TryGetValue(signal.CircleId, out var known) && known == signal) return;
        state.State.Signals[signal.CircleId] = signal;
        await state.WriteStateAsync();
    }

    public async Task Clear(string circleId)
    {
        if (state.State.Signals.Remove(circleId)) await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<CarerSignal>> GetSignals() =>
        Task.FromResult<IReadOnlyList<CarerSignal>>(state.State.Signals.Values.OrderByDescending(s => s.Level)
            .ThenByDescending(s => s.Score).ToList());
}
