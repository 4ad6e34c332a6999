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
