namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.Appreciation")]
public sealed class AppreciationState
{
    [Id(0)] public Dictionary<string, AppreciationReceipt> Received { get; set; } = new();
}

public sealed class AppreciationGrain(
    [PersistentState("appreciation", KringStorage.Name)] IPersistentState<AppreciationState> state,
    TimeProvider clock) : Grain, IAppreciationGrain
{
    public async Task<AppreciationReceipt> MarkReceived(string circleId, string by)
    {
        if (state.State.Received.TryGetValue(circleId, out var known)) return known;
        // The year is listed before its first receipt is stored, so an export never misses a receipt.
        if (state.State.Received.Count == 0 && int.TryParse(this.GetPrimaryKeyString(), out var year))
        {
            await GrainFactory.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).RegisterAppreciationYear(year);
        }
        var receipt = new AppreciationReceipt(circleId, clock.GetUtcNow(), by);
        state.State.Received[circleId] = receipt;
        await state.WriteStateAsync();
        return receipt;
    }

    public Task<IReadOnlyList<AppreciationReceipt>> GetReceived() =>
        Task.FromResult<IReadOnlyList<AppreciationReceipt>>(state.State.Received.Values.OrderBy(r => r.CircleId, StringComparer.Ordinal)
            .ToList());
}
