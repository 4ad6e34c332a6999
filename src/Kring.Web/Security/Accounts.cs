using Kring.Silo;

namespace Kring.Web.Security;

public sealed class Accounts(IGrainFactory grains)
{
    /// <summary>The account when the password is right; null otherwise, with no hint which of the two was wrong.</summary>
    public async Task<AccountRecord?> SignIn(string? userName, string? password)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || userName.Length > 64 || password.Length > 256) return null;
        var account = await grains.GetGrain<IAccountGrain>(userName.Trim().ToLowerInvariant()).Get();
        // Hash anyway when the user is unknown, so the response time does not reveal which user names exist.
        var hash = account?.PasswordHash ?? UnknownUserHash;
        var valid = Passwords.Verify(hash, password);
        return account is not null && valid ? account : null;
    }

    private static readonly string UnknownUserHash = Passwords.Hash(Guid.NewGuid().ToString());
}
