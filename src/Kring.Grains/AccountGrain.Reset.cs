using System.Security.Cryptography;
using System.Text;
using Kring.Grains.Mail;

namespace Kring.Grains;

/// <summary>
/// A forgotten password: a link with a single-use code goes to the account's own address, and the code sets a new
/// password until it expires. Only the code's hash is kept, and a new link replaces the older one.
/// </summary>
public sealed partial class AccountGrain
{
    /// <summary>At most one link per this time, so nobody can flood someone's mailbox.</summary>
    public static readonly TimeSpan ResetInterval = TimeSpan.FromMinutes(5);

    public async Task<bool> MailPasswordReset(TimeSpan validFor)
    {
        var now = clock.GetUtcNow();
        if (state.State is not { Account: { } account, Blocked: false }) return false;
        if (state.State.ResetMailedAt is { } last && now - last < ResetInterval) return false;
        if (await OwnAddress(account) is not { } contact) return false;
        var code = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        state.State.ResetHash = SHA256.HashData(Encoding.UTF8.GetBytes(code));
        state.State.ResetExpiresAt = now + validFor;
        state.State.ResetMailedAt = now;
        await Save();
        var mail = AccountMail.PasswordReset(account.UserName, code, now + validFor, contact, links.Base, now);
        await GrainFactory.GetGrain<IMailOutboxGrain>(MailOutboxes.For(contact.Email!)).Queue(mail);
        return true;
    }

    public async Task<string?> ResetPassword(string code, string passwordHash)
    {
        if (string.IsNullOrWhiteSpace(passwordHash)) throw new ArgumentException("A password hash is required.", nameof(passwordHash));
        var s = state.State;
        if (s is not { Account: { } account, Blocked: false, ResetHash: { } expected, ResetExpiresAt: { } expires }) return null;
        if (expires <= clock.GetUtcNow()) return null;
        if (!CryptographicOperations.FixedTimeEquals(expected, SHA256.HashData(Encoding.UTF8.GetBytes(code ?? "")))) return null;
        s.Account = account with { PasswordHash = passwordHash, SecurityStamp = NewStamp(), ActivationExpiresAt = null };
        s.ResetHash = null;
        s.ResetExpiresAt = null;
        // Whoever holds the mailbox proved who they are; earlier failed guesses no longer matter.
        s.Throttles.Clear();
        await Save();
        return s.Account.SecurityStamp;
    }

    /// <summary>The account's own address: a staff member's or member's, else the volunteer's or the carer's contact details.</summary>
    private async Task<ContactDetails?> OwnAddress(AccountRecord account)
    {
        if (account.Email is { Length: > 0 } email) return new ContactDetails(email, null);
        var contact = account.VolunteerId is { } volunteer
            ? (await GrainFactory.GetGrain<IVolunteerGrain>(volunteer).GetProfile())?.Contact
            : account.CircleId is { } circle
            ? (await GrainFactory.GetGrain<ICarerCircleGrain>(circle).Get())?.Profile.Contact
            : null;
        return contact is { Email: { Length: > 0 } } ? contact : null;
    }
}
