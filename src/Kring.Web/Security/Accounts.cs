using Kring.Hosting;

namespace Kring.Web.Security;

public sealed class Accounts(IGrainFactory grains, SessionStamps stamps)
{
    /// <summary>
    /// The account when the password is right and the account is not locked; null otherwise, with no hint which it was.
    /// An unknown user, a wrong password and a locked account take the same steps (read, hash, count) and get the same answer.
    /// </summary>
    public async Task<AccountRecord?> SignIn(string? userName, string? password)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || userName.Length > 64 || password.Length > 256) return null;
        var grain = grains.GetGrain<IAccountGrain>(Key(userName));
        var account = await grain.Get();
        // Hash anyway when the user is unknown, so the response time does not reveal which user names exist.
        var valid = Verify(account?.PasswordHash ?? UnknownUserHash, password);
        var allowed = await grain.SignInAttempt(account is not null && valid);
        return allowed ? account : null;
    }

    /// <summary>Sets a new password (already checked against the policy) and ends every earlier session; the updated account.</summary>
    public async Task<AccountRecord?> ChangePassword(AccountRecord account, string newPassword)
    {
        var hash = Passwords.Hash(newPassword);
        var stamp = await grains.GetGrain<IAccountGrain>(account.UserName).ChangePassword(hash);
        if (stamp is null) return null;
        stamps.Remember(account.UserName, stamp);
        return account with { PasswordHash = hash, SecurityStamp = stamp };
    }

    private static string Key(string userName) => userName.Trim().ToLowerInvariant();

    private static bool Verify(string hash, string password)
    {
        try
        {
            return Passwords.Verify(hash, password);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static readonly string UnknownUserHash = Passwords.Hash(Guid.NewGuid().ToString());
}
