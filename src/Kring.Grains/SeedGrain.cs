namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.Seed")]
public sealed class SeedState
{
    [Id(0)] public string? LoadedVersion { get; set; }
}

public sealed class SeedGrain(
    [PersistentState("seed", KringStorage.Name)] IPersistentState<SeedState> state) : Grain, ISeedGrain
{
    public Task<string?> GetLoadedVersion() => Task.FromResult(state.State.LoadedVersion);

    public async Task MarkLoaded(string version)
    {
        state.State.LoadedVersion = version;
        await state.WriteStateAsync();
    }
}
