using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kring.Hosting;

/// <summary>
/// Password hashing with ASP.NET Core Identity's PBKDF2 hasher, format V3, at <see cref="Iterations"/> iterations. The
/// format's function is HMAC-SHA512 (the hasher cannot be set to another, and asks to rehash any other); OWASP advises
/// 210,000 iterations for it and 600,000 for HMAC-SHA256. A hash with fewer iterations verifies as
/// <c>SuccessRehashNeeded</c>, and signing in replaces it.
/// </summary>
public static class Passwords
{
    public const int Iterations = 600_000;

    private static readonly PasswordHasher<string> Hasher = new(Options.Create(new PasswordHasherOptions
    {
        CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
        IterationCount = Iterations,
    }));

    public static string Hash(string password) => Hasher.HashPassword("", password);

    public static PasswordVerificationResult Verify(string hash, string password) => Hasher.VerifyHashedPassword("", hash, password);
}

/// <summary>
/// One-time activation codes, which a new account gets instead of a password chosen by someone else: 16 characters in
/// four groups (such as <c>K7QM-2XRD-HW9C-F4TB</c>) from 31 letters and digits that cannot be mistaken for each other,
/// about 79 bits. Only <see cref="Hash"/> is stored; it hashes the characters alone, so the code may be typed in lower
/// case, with or without dashes or spaces.
/// </summary>
public static class ActivationCodes
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(7);
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private const int Length = 16;

    public static string New()
    {
        var code = RandomNumberGenerator.GetString(Alphabet, Length);
        return string.Join('-', Enumerable.Range(0, Length / 4).Select(i => code.Substring(i * 4, 4)));
    }

    public static string Hash(string code) => Passwords.Hash(Normalise(code));

    public static PasswordVerificationResult Verify(string hash, string typed) => Passwords.Verify(hash, Normalise(typed));

    private static string Normalise(string code) => new(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}
