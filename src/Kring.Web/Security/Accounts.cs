using Kring.Hosting;
using Microsoft.AspNetCore.Identity;

namespace Kring.Web.Security;

/// <summary>
/// A sign-in's outcome: the account when it succeeded; otherwise no account, with <see cref="RetryAfter"/> when the
/// client was throttled for this user name (and the password was not looked at), or <see cref="ActivationExpired"/> when
/// it was the account's activation code, but too late.
/// </summary>
public sealed record SignInOutcome(AccountRecord? Account, TimeSpan? RetryAfter = null, bool ActivationExpired = false);

/// <summary>A new one-time activation code: the code to hand over, once, and the hash to store.</summary>
public sealed record Activation(string Code, string Hash, DateTimeOffset ExpiresAt)
{
    public static Activation New(TimeProvider clock)
    {
        var code = ActivationCodes.New();
        return new(code, ActivationCodes.Hash(code), clock.GetUtcNow() + ActivationCodes.ValidFor);
    }
}

public sealed class Accounts(IGrainFactory grains, SessionStamps stamps, SecurityLog log, TimeProvider clock)
{
    /// <summary>
    /// Signs in with a user name and password, or activation code for an account that has one. Unknown user, wrong
    /// password and blocked account take the same steps (read, hash, count) and get the same answer; a client throttled
    /// for the user name is refused alike for all three. The right code after it expired fails and counts like a wrong one.
    /// </summary>
    public Task<SignInOutcome> SignIn(HttpContext http, string? userName, string? password) =>
        Attempt(http, userName, password, signIn: true);

    /// <summary>
    /// The signed-in user's password asked again (a password change, erasing oneself): counts and throttles as a
    /// sign-in does, but a success is not recorded as one.
    /// </summary>
    public Task<SignInOutcome> CheckPassword(HttpContext http, string userName, string? password) =>
        Attempt(http, userName, password, signIn: false);

    private async Task<SignInOutcome> Attempt(HttpContext http, string? userName, string? password, bool signIn)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || userName.Length > 64 || password.Length > 256)
        {
            return new(null);
        }
        var key = Key(userName);
        var client = SignInLimits.ClientKey(http);
        var grain = grains.GetGrain<IAccountGrain>(key);
        if (await grain.ThrottledFor(client) is { } wait) return await Throttled(http, key, wait);

        var account = await grain.Get();
        // Hash anyway when the user is unknown, so the response time does not reveal which user names exist.
        var check = account?.ActivationExpiresAt is null
            ? Verify(account?.PasswordHash ?? UnknownUserHash, password, Passwords.Verify)
            : Verify(account.PasswordHash, password, ActivationCodes.Verify);
        var valid = check is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
        var expired = valid && account?.ActivationExpiresAt <= clock.GetUtcNow();
        var verdict = await grain.SignInAttempt(client, account is not null && valid && !expired);
        if (verdict.RetryAfter is { } raced) return await Throttled(http, key, raced);
        if (verdict.Allowed)
        {
            if (check == PasswordVerificationResult.SuccessRehashNeeded && account!.ActivationExpiresAt is null)
            {
                account = await Rehash(grain, account, password);
            }
            if (signIn)
            {
                var how = account!.ActivationExpiresAt is null ? null : "activationCode";
                await log.Record(http, SecurityEventKind.SignInSucceeded, key, how, actor: key);
            }
            return new(account);
        }
        var reason = account is null ? "unknownUser" : expired ? "activationExpired" : valid ? "blocked" : "wrongPassword";
        await log.Record(http, SecurityEventKind.SignInFailed, key, signIn ? reason : reason + ",passwordAskedAgain", actor: key);
        if (verdict.Throttled is { } delay)
        {
            await log.Record(http, SecurityEventKind.ThrottleStarted, key, $"{SecurityLog.Seconds(delay)}s", actor: key);
        }
        if (verdict.ManyFailures)
        {
            await log.Record(
                http, SecurityEventKind.ManyFailedSignIns, key, $">={SignInAlarm.Failures}/{SignInAlarm.Window.TotalMinutes:0}min",
                actor: key);
        }
        return new(null, ActivationExpired: expired);
    }

    private async Task<SignInOutcome> Throttled(HttpContext http, string key, TimeSpan wait)
    {
        await log.Record(http, SecurityEventKind.SignInThrottled, key, $"{SecurityLog.Seconds(wait)}s", actor: key);
        return new(null, wait);
    }

    /// <summary>
    /// Sets a new password (already checked against the policy) and ends every earlier session; the updated account. The
    /// first password chosen after an activation code activates the account.
    /// </summary>
    public async Task<AccountRecord?> ChangePassword(HttpContext http, AccountRecord account, string newPassword)
    {
        var hash = Passwords.Hash(newPassword);
        var stamp = await grains.GetGrain<IAccountGrain>(account.UserName).ChangePassword(hash);
        if (stamp is null) return null;
        stamps.Remember(account.UserName, stamp);
        await log.Record(
            http, account.ActivationExpiresAt is null ? SecurityEventKind.PasswordChanged : SecurityEventKind.AccountActivated,
            account.UserName);
        return account with { PasswordHash = hash, SecurityStamp = stamp, ActivationExpiresAt = null };
    }

    /// <summary>
    /// Gives an existing account a new activation code in place of its password or earlier code, ending its sessions;
    /// null when there is no such account.
    /// </summary>
    public async Task<Activation?> NewActivation(HttpContext http, string userName)
    {
        var key = Key(userName);
        if (key.Length is 0 or > 64) return null;
        var activation = Activation.New(clock);
        var stamp = await grains.GetGrain<IAccountGrain>(key).SetActivation(activation.Hash, activation.ExpiresAt);
        if (stamp is null) return null;
        stamps.Remember(key, stamp);
        await log.Record(http, SecurityEventKind.ActivationIssued, key);
        return activation;
    }

    /// <summary>How long a mailed link to set a new password works.</summary>
    public static readonly TimeSpan ResetValidFor = TimeSpan.FromHours(1);

    /// <summary>
    /// Mails the account's own address a link to set a new password. Whether anything was mailed stays in the security log:
    /// the caller answers alike for an unknown user name, a blocked account or one without an address.
    /// </summary>
    public async Task RequestReset(HttpContext http, string userName)
    {
        var key = Key(userName);
        if (key.Length is 0 or > 64) return;
        if (await grains.GetGrain<IAccountGrain>(key).MailPasswordReset(ResetValidFor))
        {
            await log.Record(http, SecurityEventKind.PasswordResetMailed, key, actor: key);
        }
    }

    /// <summary>Sets the new password (checked against the policy already) with a mailed link's code; false when it fails.</summary>
    public async Task<bool> Reset(HttpContext http, string userName, string code, string newPassword)
    {
        var key = Key(userName);
        if (key.Length is 0 or > 64 || code.Length is 0 or > 100) return false;
        var stamp = await grains.GetGrain<IAccountGrain>(key).ResetPassword(code, Passwords.Hash(newPassword));
        if (stamp is null) return false;
        stamps.Remember(key, stamp);
        await log.Record(http, SecurityEventKind.PasswordChanged, key, "resetLink", actor: key);
        return true;
    }

    /// <summary>A code for an account about to be made: logged as the account's creation, not as a code issued.</summary>
    public Activation FirstActivation() => Activation.New(clock);

    /// <summary>Lifts every client's throttle on the account; false when there is none.</summary>
    public async Task<bool> LiftThrottles(HttpContext http, string userName)
    {
        var key = Key(userName);
        if (key.Length is 0 or > 64 || !await grains.GetGrain<IAccountGrain>(key).LiftThrottles()) return false;
        await log.Record(http, SecurityEventKind.ThrottleLifted, key);
        return true;
    }

    private static string Key(string userName) => userName.Trim().ToLowerInvariant();

    private static PasswordVerificationResult Verify(string hash, string password, Func<string, string, PasswordVerificationResult> verify)
    {
        try
        {
            return verify(hash, password);
        }
        catch (FormatException)
        {
            return PasswordVerificationResult.Failed;
        }
    }

    /// <summary>A hash made with fewer iterations than today's is made again while the password is at hand; the sessions stay.</summary>
    private static async Task<AccountRecord> Rehash(IAccountGrain grain, AccountRecord account, string password)
    {
        var hash = Passwords.Hash(password);
        return await grain.UpgradePasswordHash(account.PasswordHash, hash) ? account with { PasswordHash = hash } : account;
    }

    private static readonly string UnknownUserHash = Passwords.Hash(Guid.NewGuid().ToString());
}
