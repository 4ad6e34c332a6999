using Orleans.Concurrency;

namespace Kring;

/// <summary>A user account. Key: user name (lower case).</summary>
[Alias("kring.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    [Alias("Set")] Task Set(AccountRecord account);
    /// <summary>Stores the account only if the user name is free; false when it is taken. For new accounts made by staff.</summary>
    [Alias("Create")] Task<bool> Create(AccountRecord account);
    [Alias("Get"), ReadOnly] Task<AccountRecord?> Get();
    /// <summary>
    /// How long <paramref name="client"/> must still wait before trying this account again; null when it may try now.
    /// The web asks first, so a throttled attempt costs no password hash. Unknown accounts are throttled alike.
    /// </summary>
    [Alias("ThrottledFor"), ReadOnly] Task<TimeSpan?> ThrottledFor(string client);
    /// <summary>
    /// Counts a sign-in attempt from <paramref name="client"/> (an address, IPv6 per /64) whose password the caller has
    /// checked. Allowed when the account exists, is not blocked, the password was right and the client is not throttled.
    /// Failures slow down that client only, with growing delays; the right password from another client still works.
    /// </summary>
    [Alias("SignInAttempt")] Task<SignInVerdict> SignInAttempt(string client, bool passwordValid);
    /// <summary>Lifts every client's throttle on this account (an operator's decision); false when there is no account.</summary>
    [Alias("LiftThrottles")] Task<bool> LiftThrottles();
    /// <summary>Revokes every cookie and token issued so far by giving the account a new security stamp, which it returns.</summary>
    [Alias("RevokeSessions")] Task<string?> RevokeSessions();
    /// <summary>Sets a new password hash and a new security stamp (so every earlier session ends); returns the stamp.</summary>
    [Alias("ChangePassword")] Task<string?> ChangePassword(string passwordHash);
    /// <summary>
    /// Replaces the password with a one-time activation code (its hash), valid until <paramref name="expiresAt"/>; a new
    /// stamp ends every session. Returns the stamp, or null when there is no account.
    /// </summary>
    [Alias("SetActivation")] Task<string?> SetActivation(string codeHash, DateTimeOffset expiresAt);
    /// <summary>
    /// Replaces the password hash by one of the same password made with more iterations, keeping the security stamp (no
    /// session ends). Only while the stored hash is still <paramref name="currentHash"/>; false otherwise.
    /// </summary>
    [Alias("UpgradePasswordHash")] Task<bool> UpgradePasswordHash(string currentHash, string newHash);
    /// <summary>Removes the account (erasure): every session ends and the user name can sign in no more. Idempotent.</summary>
    [Alias("Remove")] Task Remove();
    /// <summary>
    /// Blocks or unblocks signing in. Blocking also ends every session, so the new security stamp is returned; null when
    /// there is no account. Idempotent.
    /// </summary>
    [Alias("SetBlocked")] Task<string?> SetBlocked(bool blocked);
    /// <summary>
    /// Mails a link to set a new password to the account's own address, with a new single-use code valid for
    /// <paramref name="validFor"/>. False, and nothing mailed, when there is no account, it is blocked, it has no address, or
    /// a link went out less than five minutes ago.
    /// </summary>
    [Alias("MailPasswordReset")] Task<bool> MailPasswordReset(TimeSpan validFor);
    /// <summary>
    /// Sets the new password when <paramref name="code"/> is the latest link's and has not expired, and ends every session;
    /// the code is used up. Returns the new stamp, or null.
    /// </summary>
    [Alias("ResetPassword")] Task<string?> ResetPassword(string code, string passwordHash);
    /// <summary>The account with whether it is blocked or throttled; null when there is none.</summary>
    [Alias("GetStatus"), ReadOnly] Task<AccountStatus?> GetStatus();
}
