using Kring.Web.Input;
using Kring.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Kring.Web.Services;

/// <summary>
/// An account for the operator. <c>ThrottledUntil</c>: when the longest throttle of a client after failed sign-ins ends.
/// <c>ActivationExpiresAt</c>: set until the user chose their own password. <c>ActivationCode</c> is only in the answer
/// that made the code: it is not stored and cannot be shown again.
/// </summary>
public sealed record AccountDto(
    string UserName, string DisplayName, string Role, string? Village, string? Partner, string? CircleId, string? VolunteerId, bool Blocked,
    DateTimeOffset? ThrottledUntil, int ThrottledClients, DateTimeOffset? ActivationExpiresAt = null, string? ActivationCode = null,
    string? Municipality = null);

/// <summary>
/// Making and blocking accounts, for the API and the pages alike. The operator signs up staff, blocks or unblocks any
/// account and lifts throttles; the consultant gives a carer an account for their circle. Each is a security event.
/// Nobody chooses another's password: a new account gets a one-time activation code, handed over in person, with which
/// the user signs in once to choose their own password (see <see cref="ActivationGate"/>).
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
        ["professional"] = Role.Professional,
        ["keyFigure"] = Role.KeyFigure,
        ["carer"] = Role.Carer,
        ["volunteer"] = Role.Volunteer,
        ["member"] = Role.CircleMember,
    };

    public static readonly IReadOnlyList<string> StaffRoles =
        ["consultant", "villageContact", "keyFigure", "coordinator", "professional", "operator"];

    public static string Code(Role role) => Roles.First(r => r.Value == role).Key;

    public static Role RoleOf(string code) => Roles[code];

    public sealed record StaffForm(
        string? UserName, string? DisplayName, string? Role, string? Village, string? Partner, string? Email = null,
        string? Municipality = null);

    /// <summary>The new staff account, or null with the reasons in <paramref name="errors"/> (field names as in the API).</summary>
    public static async Task<AccountDto?> CreateStaff(
        IGrainFactory grains, Accounts accounts, SecurityLog log, HttpContext http, StaffForm form, FieldErrors errors)
    {
        var userName = AccountInput.UserName(form.UserName, errors);
        var displayName = AccountInput.DisplayName(form.DisplayName, errors, "Vul de naam in.");
        var role = StaffRoles.Contains(form.Role ?? "") ? Roles[form.Role!] : (Role?)null;
        if (role is null)
        {
            errors.Add("role", "Kies een rol: consultant, villageContact, keyFigure, coordinator, professional of operator.");
        }
        var directory = grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default);
        string? village = null, partner = null;
        if (role is Role.VillageContact or Role.KeyFigure)
        {
            village = form.Village?.Trim().ToLowerInvariant();
            if ((await directory.GetVillages()).All(v => v.Id != village)) errors.Add("village", "Kies het dorp van de contactpersoon.");
        }
        if (role == Role.Coordinator || role == Role.Professional && !string.IsNullOrWhiteSpace(form.Partner))
        {
            partner = form.Partner?.Trim().ToLowerInvariant();
            if ((await directory.GetPartners()).All(p => p.Id != partner)) errors.Add("partner", "Kies de organisatie.");
        }
        var email = ContactInput.Email(form.Email, errors);
        var municipality = await StaffMunicipality(directory, KringUser.Current(http), form.Municipality, village, partner, errors);
        if (errors.Any) return null;
        var activation = accounts.FirstActivation();
        var account = new AccountRecord(
            userName, displayName, activation.Hash, role!.Value, village, null, null, partner,
            Email: email, ActivationExpiresAt: activation.ExpiresAt, MunicipalityId: municipality);
        return await Create(grains, log, http, activation, account, errors);
    }

    /// <summary>
    /// The municipality a new staff account works for: the village's or the partner's, else the one asked for; an operator
    /// of one municipality only makes staff of their own. Null (only from the platform's operator) reaches every one.
    /// </summary>
    private static async Task<string?> StaffMunicipality(
        IDirectoryGrain directory, KringUser by, string? asked, string? village, string? partner, FieldErrors errors)
    {
        var municipality = string.IsNullOrWhiteSpace(asked) ? null : asked.Trim().ToLowerInvariant();
        if (municipality is not null && (await directory.GetMunicipalities()).All(m => m.Id != municipality))
        {
            errors.Add("municipality", "Deze gemeente bestaat niet.");
        }
        var villages = await directory.GetVillages();
        municipality = villages.FirstOrDefault(v => v.Id == village)?.Region
            ?? (await directory.GetPartners()).FirstOrDefault(p => p.Id == partner)?.Municipality
            ?? municipality ?? by.MunicipalityId;
        if (municipality is not null && !by.WorksIn(municipality))
        {
            errors.Add(village is not null ? "village" : partner is not null ? "partner" : "municipality",
                "U maakt alleen accounts voor uw eigen gemeente.");
        }
        return municipality;
    }

    /// <summary>
    /// An account with which the carer signs in for their own circle, named after the carer; null with the reasons in
    /// <paramref name="errors"/>. The caller has checked that the circle exists.
    /// </summary>
    public static async Task<AccountDto?> CreateCarer(
        IGrainFactory grains, Accounts accounts, SecurityLog log, HttpContext http, CircleProfile circle,
        string? userNameText, FieldErrors errors)
    {
        var userName = AccountInput.UserName(userNameText, errors);
        if (errors.Any) return null;
        var activation = accounts.FirstActivation();
        var account = new AccountRecord(
            userName, circle.CarerName, activation.Hash, Role.Carer, circle.Village, null, circle.Id,
            null, ActivationExpiresAt: activation.ExpiresAt);
        return await Create(grains, log, http, activation, account, errors);
    }

    /// <summary>A user name made for someone: their first name in plain letters and four random digits ("sanne-4821").</summary>
    public static string SuggestUserName(string name, string fallback)
    {
        var first = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        var stem = new string(first.Normalize(System.Text.NormalizationForm.FormD).ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)
            .Take(20).ToArray());
        return $"{(stem.Length > 0 ? stem : fallback)}-{System.Security.Cryptography.RandomNumberGenerator.GetInt32(1000, 10000)}";
    }

    /// <summary>
    /// An account for one of the circle's own people, for that circle only, with <paramref name="memberId"/> as its schedule.
    /// The user name is made from the first name and four digits; null when the names made were all taken.
    /// </summary>
    public static async Task<AccountDto?> CreateMember(
        IGrainFactory grains, Accounts accounts, SecurityLog log, HttpContext http, CircleProfile circle, string memberId,
        string name, string email)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var userName = SuggestUserName(name, "lid");
            var activation = accounts.FirstActivation();
            var account = new AccountRecord(userName, name, activation.Hash, Role.CircleMember, circle.Village, memberId, circle.Id, null,
                Email: email, ActivationExpiresAt: activation.ExpiresAt);
            var made = await Create(grains, log, http, activation, account, new FieldErrors());
            if (made is not null) return made;
        }
        return null;
    }

    /// <summary>
    /// A new activation code for the account, in place of its password or earlier code (a reset, or a code that expired
    /// before it was used); its sessions end. Null when there is no such account, or, with <paramref name="circleId"/>,
    /// when it is not an account of that circle.
    /// </summary>
    public static async Task<AccountDto?> NewActivation(
        IGrainFactory grains, Accounts accounts, HttpContext http, string userName, string? circleId = null)
    {
        var grain = grains.GetGrain<IAccountGrain>(userName.Trim().ToLowerInvariant());
        if (await grain.Get() is not { } account || (circleId is not null && account.CircleId != circleId)) return null;
        if (await accounts.NewActivation(http, account.UserName) is not { } activation) return null;
        return await grain.GetStatus() is { } status ? ToDto(status) with { ActivationCode = activation.Code } : null;
    }

    /// <summary>Staff accounts, by user name.</summary>
    /// <summary>The staff accounts the operator looks after: an operator of one municipality sees only its staff.</summary>
    public static async Task<IReadOnlyList<AccountDto>> Staff(IGrainFactory grains, KringUser by) =>
        (await Listed(grains, AccountLinks.Staff)).Where(a => by.MunicipalityId is null || a.Municipality == by.MunicipalityId).ToList();

    /// <summary>The accounts a carer signs in with for this circle.</summary>
    public static Task<IReadOnlyList<AccountDto>> ForCircle(IGrainFactory grains, string circleId) =>
        Listed(grains, AccountLinks.Circle(circleId));

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
        IGrainFactory grains, SessionStamps stamps, SecurityLog log, HttpContext http, string userName, bool blocked)
    {
        var key = userName.Trim().ToLowerInvariant();
        if (blocked && key == KringUser.From(http.User)!.UserName) return (BlockOutcome.Self, null);
        var grain = grains.GetGrain<IAccountGrain>(key);
        var stamp = await grain.SetBlocked(blocked);
        if (stamp is null) return (BlockOutcome.NotFound, null);
        stamps.Remember(key, stamp);
        await log.Record(http, blocked ? SecurityEventKind.AccountBlocked : SecurityEventKind.AccountUnblocked, key);
        return (BlockOutcome.Done, ToDto((await grain.GetStatus())!));
    }

    /// <summary>Lifts every client's throttle on the account: the account afterwards, or null when there is none.</summary>
    public static async Task<AccountDto?> LiftThrottles(IGrainFactory grains, Accounts accounts, HttpContext http, string userName)
    {
        if (!await accounts.LiftThrottles(http, userName)) return null;
        return await grains.GetGrain<IAccountGrain>(userName.Trim().ToLowerInvariant()).GetStatus() is { } status ? ToDto(status) : null;
    }

    private static async Task<AccountDto?> Create(
        IGrainFactory grains, SecurityLog log, HttpContext http, Activation activation, AccountRecord account, FieldErrors errors)
    {
        var grain = grains.GetGrain<IAccountGrain>(account.UserName);
        if (!await grain.Create(account))
        {
            errors.Add("userName", AccountInput.Taken);
            return null;
        }
        await log.AccountCreated(http, account.UserName, account.Role);
        return ToDto(new AccountStatus(account, Blocked: false, ThrottledUntil: null)) with { ActivationCode = activation.Code };
    }

    /// <summary>
    /// Checks the current password or activation code (a wrong one counts and throttles like a failed sign-in) and the
    /// policy, sets the new password, ends every earlier session and signs the cookie in afresh. The changed account, or
    /// null with the reasons in <paramref name="errors"/> or, for a throttled client, the wait.
    /// </summary>
    public static async Task<(AccountRecord? Changed, TimeSpan? RetryAfter)> ChangePassword(
        Accounts accounts, HttpContext http, string? current, string? next, FieldErrors errors)
    {
        var user = KringUser.Current(http);
        var activating = KringUser.MustChoosePassword(http.User);
        if (string.IsNullOrEmpty(current))
        {
            errors.Add("currentPassword", activating ? "Vul uw activeringscode in." : "Vul uw huidige wachtwoord in.");
        }
        PasswordPolicy.Check(next, user.UserName, errors);
        if (!errors.Any && next == current) errors.Add("newPassword", "Kies een ander wachtwoord dan uw huidige.");
        if (errors.Any) return (null, null);

        var (account, retryAfter, _) = await accounts.CheckPassword(http, user.UserName, current);
        if (retryAfter is { } wait) return (null, wait);
        if (account is null)
        {
            errors.Add("currentPassword", activating ? "Deze activeringscode klopt niet (meer)." : "Uw huidige wachtwoord klopt niet.");
            return (null, null);
        }
        var changed = await accounts.ChangePassword(http, account, next!);
        if (changed is null)
        {
            errors.Add("currentPassword", "Dit account bestaat niet meer.");
            return (null, null);
        }
        await http.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            KringUser.ToPrincipal(changed, CookieAuthenticationDefaults.AuthenticationScheme));
        return (changed, null);
    }

    private static AccountDto ToDto(AccountStatus s) => new(
        s.Account.UserName, s.Account.DisplayName, Code(s.Account.Role), s.Account.VillageId, s.Account.PartnerId, s.Account.CircleId,
        s.Account.VolunteerId, s.Blocked, s.ThrottledUntil, s.ThrottledClients, s.Account.ActivationExpiresAt,
        Municipality: s.Account.MunicipalityId);
}
