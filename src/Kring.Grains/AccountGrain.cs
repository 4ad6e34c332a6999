namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.Account")]
public sealed class AccountState
{
    [Id(0)] public AccountRecord? Account { get; set; }
}

public sealed class AccountGrain(
    [PersistentState("account", KringStorage.Name)] IPersistentState<AccountState> state) : Grain, IAccountGrain
{
    public async Task Set(AccountRecord account)
    {
        if (!string.Equals(account.UserName, this.GetPrimaryKeyString(), StringComparison.Ordinal))
        {
            throw new ArgumentException("The user name must equal the grain key.", nameof(account));
        }
        state.State.Account = account;
        await state.WriteStateAsync();
    }

    public Task<AccountRecord?> Get() => Task.FromResult(state.State.Account);
}

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
