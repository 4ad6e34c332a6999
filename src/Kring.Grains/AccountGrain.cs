using Kring.Grains.Mail;

namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.Account")]
public sealed class AccountState
{
    [Id(0)] public AccountRecord? Account { get; set; }
    // Ids 1 to 3 held the lockout that throttling replaced. A stored lock is ignored and cleared on the next write.
    [Id(1)] public int FailedSignIns { get; set; }
    [Id(2)] public DateTimeOffset? LastFailedSignIn { get; set; }
    [Id(3)] public DateTimeOffset? LockedUntil { get; set; }
    /// <summary>The <see cref="AccountLinks"/> key this account is listed under, once it is.</summary>
    [Id(4)] public string? LinkedTo { get; set; }
    [Id(5)] public bool Blocked { get; set; }
    /// <summary>Failed sign-ins per client that has failed lately, with the time before which it may not try again.</summary>
    [Id(6)] public List<ClientThrottle> Throttles { get; set; } = [];
    /// <summary>The latest failures across all clients, at most <see cref="AccountGrain.AlarmFailures"/> of them.</summary>
    [Id(7)] public List<DateTimeOffset> RecentFailures { get; set; } = [];
    [Id(8)] public DateTimeOffset? LastAlarm { get; set; }
    /// <summary>The SHA-256 of the latest password reset link's code, until it is used or replaced.</summary>
    [Id(9)] public byte[]? ResetHash { get; set; }
    [Id(10)] public DateTimeOffset? ResetExpiresAt { get; set; }
    [Id(11)] public DateTimeOffset? ResetMailedAt { get; set; }
}

[GenerateSerializer, Alias("kring.state.ClientThrottle")]
public sealed class ClientThrottle
{
    [Id(0)] public string Client { get; set; } = "";
    [Id(1)] public int Failures { get; set; }
    [Id(2)] public DateTimeOffset LastFailure { get; set; }
    [Id(3)] public DateTimeOffset? NotBefore { get; set; }
}

/// <summary>
/// An account. Failed sign-ins slow down the client that makes them, per account, instead of locking the account: a
/// lock would let anyone lock anyone out, while a throttle per client leaves the right password from elsewhere working.
/// </summary>
public sealed partial class AccountGrain(
    [PersistentState("account", KringStorage.Name)] IPersistentState<AccountState> state,
    TimeProvider clock,
    IPublicAddress links) : Grain, IAccountGrain
{
    /// <summary>Failures a client may make before its attempts on the account are slowed down.</summary>
    public const int FreeFailures = 3;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);
    /// <summary>A client's failures are forgotten this long after its last one.</summary>
    public static readonly TimeSpan Forget = TimeSpan.FromDays(1);
    /// <summary>Clients remembered per account; beyond it the one whose last failure is oldest goes, so the state stays small.</summary>
    public const int MaxClients = 200;
    public const int AlarmFailures = SignInAlarm.Failures;
    public static readonly TimeSpan AlarmWindow = SignInAlarm.Window;

    // Accounts stored before the links existed get listed the first time they wake up, or go if their circle or
    // volunteer was erased meanwhile.
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await KeepLinked()) return;
        await state.ClearStateAsync(cancellationToken);
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
        await Save();
        await KeepLinked();
    }

    public async Task<bool> Create(AccountRecord account)
    {
        if (state.State.Account is not null) return false;
        await Set(account);
        return true;
    }

    public Task<AccountRecord?> Get() => Task.FromResult(state.State.Account);

    public Task<TimeSpan?> ThrottledFor(string client) => Task.FromResult(Wait(Find(client), clock.GetUtcNow()));

    public async Task<SignInVerdict> SignInAttempt(string client, bool passwordValid)
    {
        var s = state.State;
        var now = clock.GetUtcNow();
        var entry = Find(client);
        // Refused unseen and not counted: waiting out the delay is all a throttled client can do.
        if (Wait(entry, now) is { } wait) return new SignInVerdict(false, RetryAfter: wait);
        if (passwordValid && s.Account is not null && !s.Blocked)
        {
            if (entry is not null)
            {
                s.Throttles.Remove(entry);
                await Save();
            }
            return new SignInVerdict(true);
        }

        // Unknown user names are throttled the same way (in memory only, nothing is stored for them), so the answers
        // do not tell which names exist.
        s.Throttles.RemoveAll(t => now - t.LastFailure >= Forget);
        if (entry is null || !s.Throttles.Contains(entry))
        {
            entry = new ClientThrottle { Client = client, LastFailure = now };
            s.Throttles.Add(entry);
            if (s.Throttles.Count > MaxClients) s.Throttles.Remove(s.Throttles.MinBy(t => t.LastFailure)!);
        }
        entry.Failures++;
        entry.LastFailure = now;
        TimeSpan? throttled = null;
        if (entry.Failures >= FreeFailures)
        {
            throttled = Delay(entry.Failures);
            entry.NotBefore = now + throttled;
        }

        s.RecentFailures.RemoveAll(at => now - at >= AlarmWindow);
        s.RecentFailures.Add(now);
        if (s.RecentFailures.Count > AlarmFailures) s.RecentFailures.RemoveAt(0);
        var alarm = s.RecentFailures.Count >= AlarmFailures && (s.LastAlarm is not { } last || now - last >= AlarmWindow);
        if (alarm) s.LastAlarm = now;
        await Save();
        return new SignInVerdict(false, Throttled: throttled, ManyFailures: alarm);
    }

    public async Task<bool> LiftThrottles()
    {
        if (state.State.Account is null) return false;
        if (state.State.Throttles.Count == 0) return true;
        state.State.Throttles.Clear();
        await Save();
        return true;
    }

    /// <summary>
    /// The delay after a client's <paramref name="failures"/>th failure: 1 s after the third, doubling, at most 15
    /// minutes.
    /// </summary>
    public static TimeSpan Delay(int failures)
    {
        if (failures < FreeFailures) return TimeSpan.Zero;
        var doublings = Math.Min(failures - FreeFailures, 20);
        var delay = FirstDelay * Math.Pow(2, doublings);
        return delay < MaxDelay ? delay : MaxDelay;
    }

    private ClientThrottle? Find(string client) => state.State.Throttles.FirstOrDefault(t => t.Client == client);

    private static TimeSpan? Wait(ClientThrottle? entry, DateTimeOffset now) =>
        entry?.NotBefore is { } until && until > now ? until - now : null;

    /// <summary>Writes the state of an existing account; an unknown user name's throttles stay in memory.</summary>
    private Task Save()
    {
        if (state.State.Account is null) return Task.CompletedTask;
        state.State.FailedSignIns = 0;
        state.State.LastFailedSignIn = null;
        state.State.LockedUntil = null;
        return state.WriteStateAsync();
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
        state.State.Account = account with { PasswordHash = passwordHash, SecurityStamp = NewStamp(), ActivationExpiresAt = null };
        // The web changes it only after checking the current password, so failures against the old one no longer matter.
        state.State.Throttles.Clear();
        await Save();
        return state.State.Account.SecurityStamp;
    }

    public async Task<string?> SetActivation(string codeHash, DateTimeOffset expiresAt)
    {
        if (string.IsNullOrWhiteSpace(codeHash)) throw new ArgumentException("A code hash is required.", nameof(codeHash));
        if (state.State.Account is not { } account) return null;
        state.State.Account = account with { PasswordHash = codeHash, SecurityStamp = NewStamp(), ActivationExpiresAt = expiresAt };
        // Whoever was slowed down trying the old password or code may try the new code at once.
        state.State.Throttles.Clear();
        await Save();
        return state.State.Account.SecurityStamp;
    }

    public async Task<bool> UpgradePasswordHash(string currentHash, string newHash)
    {
        if (string.IsNullOrWhiteSpace(newHash)) throw new ArgumentException("A password hash is required.", nameof(newHash));
        // A password changed meanwhile is newer than the sign-in that asked for this.
        if (state.State.Account is not { } account || account.PasswordHash != currentHash) return false;
        state.State.Account = account with { PasswordHash = newHash };
        await Save();
        return true;
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
        var now = clock.GetUtcNow();
        var throttled = s.Throttles.Where(t => t.NotBefore > now).ToList();
        return Task.FromResult(s.Account is null ? null
            : new AccountStatus(s.Account, s.Blocked, throttled.Count == 0 ? null : throttled.Max(t => t.NotBefore), throttled.Count));
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
