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
