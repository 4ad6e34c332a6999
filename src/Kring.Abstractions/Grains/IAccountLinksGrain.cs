using Orleans.Concurrency;

namespace Kring;

/// <summary>
/// The user names of the accounts that act for one circle (its carer) or one volunteer, so erasure can find them, or
/// of the staff accounts, so the operator can list them. Key: "circle/{id}", "volunteer/{id}" or "staff" (see
/// <see cref="AccountLinks"/>). Kept by the account grains.
/// </summary>
[Alias("kring.IAccountLinksGrain")]
public interface IAccountLinksGrain : IGrainWithStringKey
{
    [Alias("Link")] Task Link(string userName);
    [Alias("Unlink")] Task Unlink(string userName);
    [Alias("Get"), ReadOnly] Task<IReadOnlyList<string>> Get();
}

public static class AccountLinks
{
    public static string Circle(string circleId) => $"circle/{circleId}";
    public static string Volunteer(string volunteerId) => $"volunteer/{volunteerId}";
    /// <summary>Unlike the other keys, holds circle ids: the circles whose carer consented to this professional.</summary>
    public static string Professional(string userName) => $"professional/{userName}";
    /// <summary>Accounts that act for no circle or volunteer: consultants, village contacts, coordinators, operators.</summary>
    public const string Staff = "staff";
}
