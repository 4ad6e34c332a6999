namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.AccountLinks")]
public sealed class AccountLinksState
{
    [Id(0)] public SortedSet<string> UserNames { get; set; } = new(StringComparer.Ordinal);
}

public sealed class AccountLinksGrain(
    [PersistentState("accountlinks", KringStorage.Name)] IPersistentState<AccountLinksState> state) : Grain, IAccountLinksGrain
{
    public async Task Link(string userName)
    {
        if (state.State.UserNames.Add(userName)) await state.WriteStateAsync();
    }

    public async Task Unlink(string userName)
    {
        if (state.State.UserNames.Remove(userName)) await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> Get() => Task.FromResult<IReadOnlyList<string>>(state.State.UserNames.ToList());
}
