using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Kring.Hosting;

/// <summary>Password hashing with ASP.NET Core Identity's PBKDF2 hasher.</summary>
public static class Passwords
{
    private static readonly PasswordHasher<string> Hasher = new();

    public static string Hash(string password) => Hasher.HashPassword("", password);

    public static bool Verify(string hash, string password) =>
        Hasher.VerifyHashedPassword("", hash, password) is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
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

    public static bool Verify(string hash, string typed) => Passwords.Verify(hash, Normalise(typed));

    private static string Normalise(string code) => new(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}
