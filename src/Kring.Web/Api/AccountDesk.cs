using Kring.Hosting;
using Kring.Web.Input;
using Kring.Web.Security;

namespace Kring.Web.Api;

public sealed record AccountDto(
    string UserName, string DisplayName, string Role, string? Village, string? Partner, string? CircleId, string? VolunteerId, bool Blocked,
    DateTimeOffset? LockedUntil);

/// <summary>
/// Making and blocking accounts, for the API and the pages alike. The operator signs up staff and blocks or unblocks any
/// account; the consultant gives a carer an account for their circle. The first password is handed over in person and
/// the user changes it after signing in.
/// </summary>
public static class AccountDesk
{
    /// <summary>The role names of the API, both ways.</summary>
    private static readonly Dictionary<string, Role> Roles = new(StringComparer.Ordinal)
    {
        ["consultant"] = Role.CarerConsultant,
        ["villageContact"] = Role.VillageContact,
        ["coordinator"] = Role.Coordinator,
        ["operator"] = Role.Operator,
        ["carer"] = Role.Carer,
        ["volunteer"] = Role.Volunteer,
    };

    public static readonly IReadOnlyList<string> StaffRoles = ["consultant", "villageContact", "coordinator", "operator"];

    public static string Code(Role role) => Roles.First(r => r.Value == role).Key;

    public static Role RoleOf(string code) => Roles[code];

    public sealed record StaffForm(string? UserName, string? DisplayName, string? Role, string? Village, string? Partner, string? Password);

    /// <summary>The new staff account, or null with the reasons in <paramref name="errors"/> (field names as in the API).</summary>
    public static async Task<AccountDto?> CreateStaff(IGrainFactory grains, StaffForm form, FieldErrors errors)
    {
        var userName = AccountInput.UserName(form.UserName, errors);
        var displayName = AccountInput.DisplayName(form.DisplayName, errors, "Vul de naam in.");
        var role = StaffRoles.Contains(form.Role ?? "") ? Roles[form.Role!] : (Role?)null;
        if (role is null) errors.Add("role", "Kies een rol: consultant, villageContact, coordinator of operator.");
        var directory = grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default);
        string? village = null, partner = null;
        if (role == Role.VillageContact)
        {
            village = form.Village?.Trim().ToLowerInvariant();
            if ((await directory.GetVillages()).All(v => v.Id != village)) errors.Add("village", "Kies het dorp van de contactpersoon.");
        }
        if (role == Role.Coordinator)
        {
            partner = form.Partner?.Trim().ToLowerInvariant();
            if ((await directory.GetPartners()).All(p => p.Id != partner)) errors.Add("partner", "Kies de organisatie van de coördinator.");
        }
        PasswordPolicy.Check(form.Password, userName, errors, "password");
        if (errors.Any) return null;
        return await Create(grains, new AccountRecord(userName, displayName, Passwords.Hash(form.Password!), role!.Value, village, null, null, partner), errors);
    }

    /// <summary>
    /// An account with which the carer signs in for their own circle, named after the carer; null with the reasons in
    /// <paramref name="errors"/>. The caller has checked that the circle exists.
    /// </summary>
    public static async Task<AccountDto?> CreateCarer(IGrainFactory grains, CircleProfile circle, string? userNameText, string? password, FieldErrors errors)
    {
        var userName = AccountInput.UserName(userNameText, errors);
        PasswordPolicy.Check(password, userName, errors, "password");
        if (errors.Any) return null;
        return await Create(grains, new AccountRecord(userName, circle.CarerName, Passwords.Hash(password!), Role.Carer, circle.Village, null, circle.Id, null), errors);
    }

    /// <summary>Staff accounts, by user name.</summary>
    public static Task<IReadOnlyList<AccountDto>> Staff(IGrainFactory grains) => Listed(grains, AccountLinks.Staff);

    /// <summary>The accounts a carer signs in with for this circle.</summary>
    public static Task<IReadOnlyList<AccountDto>> ForCircle(IGrainFactory grains, string circleId) => Listed(grains, AccountLinks.Circle(circleId));

    private static async Task<IReadOnlyList<AccountDto>> Listed(IGrainFactory grains, string linksKey)
    {
        var userNames = await grains.GetGrain<IAccountLinksGrain>(linksKey).Get();
        var accounts = await Task.WhenAll(userNames.Select(u => grains.GetGrain<IAccountGrain>(u).GetStatus()));
        return accounts.OfType<AccountStatus>().Select(ToDto).ToList();
    }

    public enum BlockOutcome { Done, NotFound, Self }

    /// <summary>
    /// Blocks or unblocks an account. Blocking ends the account's sessions on this web node at once (other nodes within
    /// <see cref="SessionStamps.CacheFor"/>). An operator cannot block themselves, so there is always one who can unblock.
    /// </summary>
    public static async Task<(BlockOutcome Outcome, AccountDto? Account)> SetBlocked(
        IGrainFactory grains, SessionStamps stamps, KringUser by, string userName, bool blocked)
    {
        var key = userName.Trim().ToLowerInvariant();
        if (blocked && key == by.UserName) return (BlockOutcome.Self, null);
        var grain = grains.GetGrain<IAccountGrain>(key);
        var stamp = await grain.SetBlocked(blocked);
        if (stamp is null) return (BlockOutcome.NotFound, null);
        stamps.Remember(key, stamp);
        return (BlockOutcome.Done, ToDto((await grain.GetStatus())!));
    }

    private static async Task<AccountDto?> Create(IGrainFactory grains, AccountRecord account, FieldErrors errors)
    {
        var grain = grains.GetGrain<IAccountGrain>(account.UserName);
        if (!await grain.Create(account))
        {
            errors.Add("userName", AccountInput.Taken);
            return null;
        }
        return ToDto(new AccountStatus(account, Blocked: false, LockedUntil: null));
    }

    private static AccountDto ToDto(AccountStatus s) => new(
        s.Account.UserName, s.Account.DisplayName, Code(s.Account.Role), s.Account.VillageId, s.Account.PartnerId, s.Account.CircleId,
        s.Account.VolunteerId, s.Blocked, s.LockedUntil);
}
