namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.Account")]
public sealed class AccountState
{
    [Id(0)] public AccountRecord? Account { get; set; }
    /// <summary>Failed sign-ins in a row, counted while they are less than the lockout window apart.</summary>
    [Id(1)] public int FailedSignIns { get; set; }
    [Id(2)] public DateTimeOffset? LastFailedSignIn { get; set; }
    [Id(3)] public DateTimeOffset? LockedUntil { get; set; }
    /// <summary>The <see cref="AccountLinks"/> key this account is listed under, once it is.</summary>
    [Id(4)] public string? LinkedTo { get; set; }
    [Id(5)] public bool Blocked { get; set; }
}

public sealed class AccountGrain(
    [PersistentState("account", KringStorage.Name)] IPersistentState<AccountState> state,
    TimeProvider clock) : Grain, IAccountGrain
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    // Accounts stored before the links existed get listed the first time they wake up, or go if their circle or
    // volunteer was erased meanwhile.
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await KeepLinked()) return;
        await state.ClearStateAsync();
        state.State = new AccountState();
    }

    public async Task Set(AccountRecord account)
    {
        if (!string.Equals(account.UserName, this.GetPrimaryKeyString(), StringComparison.Ordinal))
        {
            throw new ArgumentException("The user name must equal the grain key.", nameof(account));
        }
        // The stamp is the grain's own: kept while the password stays the same, renewed when it changes.
        var previous = state.State.Account;
        var stamp = previous?.SecurityStamp is { } kept && previous.PasswordHash == account.PasswordHash ? kept : NewStamp();
        if (await Erased(account)) throw new ArgumentException("The account's circle or volunteer was erased.", nameof(account));
        state.State.Account = account with { SecurityStamp = stamp };
        await state.WriteStateAsync();
        await KeepLinked();
    }

    public async Task<bool> Create(AccountRecord account)
    {
        if (state.State.Account is not null) return false;
        await Set(account);
        return true;
    }

    public Task<AccountRecord?> Get() => Task.FromResult(state.State.Account);

    public async Task<bool> SignInAttempt(bool passwordValid)
    {
        var s = state.State;
        if (s.Account is null || s.Blocked) return false;
        var now = clock.GetUtcNow();
        if (s.LockedUntil is { } until)
        {
            // While locked, even the right password is refused, and nothing is written.
            if (now < until) return false;
            s.LockedUntil = null;
            s.FailedSignIns = 0;
        }
        if (passwordValid)
        {
            if (s.FailedSignIns > 0 || s.LastFailedSignIn is not null)
            {
                s.FailedSignIns = 0;
                s.LastFailedSignIn = null;
                await state.WriteStateAsync();
            }
            return true;
        }
        if (s.LastFailedSignIn is { } last && now - last >= Lockout) s.FailedSignIns = 0;
        s.FailedSignIns++;
        s.LastFailedSignIn = now;
        if (s.FailedSignIns >= MaxFailedSignIns)
        {
            s.LockedUntil = now + Lockout;
            s.FailedSignIns = 0;
        }
        await state.WriteStateAsync();
        return false;
    }

    public async Task<string?> RevokeSessions()
    {
        if (state.State.Account is not { } account) return null;
        state.State.Account = account with { SecurityStamp = NewStamp() };
        await state.WriteStateAsync();
        return state.State.Account.SecurityStamp;
    }

    public async Task<string?> ChangePassword(string passwordHash)
    {
        if (string.IsNullOrWhiteSpace(passwordHash)) throw new ArgumentException("A password hash is required.", nameof(passwordHash));
        if (state.State.Account is not { } account) return null;
        state.State.Account = account with { PasswordHash = passwordHash, SecurityStamp = NewStamp() };
        state.State.FailedSignIns = 0;
        state.State.LastFailedSignIn = null;
        state.State.LockedUntil = null;
        await state.WriteStateAsync();
        return state.State.Account.SecurityStamp;
    }

    public async Task<string?> SetBlocked(bool blocked)
    {
        if (state.State.Account is not { } account) return null;
        if (state.State.Blocked == blocked) return account.SecurityStamp;
        state.State.Blocked = blocked;
        if (blocked) state.State.Account = account with { SecurityStamp = NewStamp() };
        await state.WriteStateAsync();
        return state.State.Account.SecurityStamp;
    }

    public Task<AccountStatus?> GetStatus()
    {
        var s = state.State;
        var locked = s.LockedUntil is { } until && until > clock.GetUtcNow() ? until : (DateTimeOffset?)null;
        return Task.FromResult(s.Account is null ? null : new AccountStatus(s.Account, s.Blocked, locked));
    }

    public async Task Remove()
    {
        if (state.State.LinkedTo is { } linked) await GrainFactory.GetGrain<IAccountLinksGrain>(linked).Unlink(this.GetPrimaryKeyString());
        if (state.State.Account is null && state.State.LinkedTo is null) return;
        await state.ClearStateAsync();
        state.State = new AccountState();
    }

    /// <summary>
    /// Lists the account under the circle or volunteer it acts for, so erasing them finds it, or among the staff, so the
    /// operator finds it. False when that circle or volunteer was erased before the account was listed.
    /// </summary>
    private async Task<bool> KeepLinked()
    {
        var account = state.State.Account;
        var target = account is null ? null
            : account.CircleId is { } circle ? AccountLinks.Circle(circle)
            : account.VolunteerId is { } volunteer ? AccountLinks.Volunteer(volunteer)
            : AccountLinks.Staff;
        if (target == state.State.LinkedTo) return true;
        if (await Erased(account!)) return false;
        var userName = this.GetPrimaryKeyString();
        if (target is not null) await GrainFactory.GetGrain<IAccountLinksGrain>(target).Link(userName);
        if (state.State.LinkedTo is { } old) await GrainFactory.GetGrain<IAccountLinksGrain>(old).Unlink(userName);
        state.State.LinkedTo = target;
        await state.WriteStateAsync();
        return true;
    }

    private async Task<bool> Erased(AccountRecord account) =>
        (account.CircleId is { } circle && await GrainFactory.GetGrain<ICarerCircleGrain>(circle).IsErased())
        || (account.VolunteerId is { } volunteer && await GrainFactory.GetGrain<IVolunteerGrain>(volunteer).IsErased());

    private static string NewStamp() => Guid.NewGuid().ToString("N");
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
