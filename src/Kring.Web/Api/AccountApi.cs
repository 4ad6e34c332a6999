using Kring.Silo;
using Kring.Web.Input;
using Kring.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Kring.Web.Api;

public sealed record PasswordChangeJson(string? CurrentPassword, string? NewPassword);
public sealed record NewStaffAccountJson(string? UserName, string? DisplayName, string? Role, string? Village, string? Partner, string? Password);
public sealed record StaffAccountDto(string UserName, string DisplayName, string Role, string? Village, string? Partner);

/// <summary>
/// Accounts: the signed-in user changes their own password, and the operator signs up staff (consultants, village
/// contact persons, coordinators, other operators). Volunteers are signed up by their coordinator.
/// </summary>
public static class AccountApi
{
    private static readonly Dictionary<string, Role> StaffRoles = new(StringComparer.Ordinal)
    {
        ["consultant"] = Role.CarerConsultant,
        ["villageContact"] = Role.VillageContact,
        ["coordinator"] = Role.Coordinator,
        ["operator"] = Role.Operator,
    };

    public static void MapKringAccountApi(this RouteGroupBuilder api)
    {
        api.MapPut("/me/password", ChangePassword).RequireAuthorization();
        api.MapPost("/accounts", CreateStaffAccount).RequireAuthorization(AuthSetup.Policies.Operator);
    }

    /// <summary>The user name is claimed atomically; the first password follows the policy and is handed over in person.</summary>
    private static async Task<IResult> CreateStaffAccount(NewStaffAccountJson? body, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (body is null) { errors.Add("body", "Stuur de gegevens van het account mee."); return Problems.Validation(errors); }
        var userName = AccountInput.UserName(body.UserName, errors);
        var displayName = AccountInput.DisplayName(body.DisplayName, errors, "Vul de naam in.");
        if (!StaffRoles.TryGetValue(body.Role ?? "", out var role)) errors.Add("role", "Kies een rol: consultant, villageContact, coordinator of operator.");
        string? village = null, partner = null;
        if (role == Role.VillageContact)
        {
            village = body.Village?.Trim().ToLowerInvariant();
            var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
            if (villages.All(v => v.Id != village)) errors.Add("village", "Kies het dorp van de contactpersoon.");
        }
        if (role == Role.Coordinator)
        {
            partner = body.Partner?.Trim().ToLowerInvariant();
            var partners = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetPartners();
            if (partners.All(p => p.Id != partner)) errors.Add("partner", "Kies de organisatie van de coördinator.");
        }
        PasswordPolicy.Check(body.Password, userName, errors, "password");
        if (errors.Any) return Problems.Validation(errors);

        var account = new AccountRecord(userName, displayName, Passwords.Hash(body.Password!), role, village, null, null, partner);
        if (!await grains.GetGrain<IAccountGrain>(userName).Create(account))
        {
            errors.Add("userName", AccountInput.Taken);
            return Problems.Validation(errors);
        }
        return Results.Json(new StaffAccountDto(userName, displayName, body.Role!, village, partner), statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// Checks the current password (a wrong one counts towards the lockout, like a failed sign-in) and the policy, sets
    /// the new password and ends every earlier session, this one included. The answer is a fresh session, as from
    /// <c>POST /api/v1/session</c>, so the caller carries on with the new token or cookie.
    /// </summary>
    private static async Task<IResult> ChangePassword(PasswordChangeJson? body, HttpContext http, Accounts accounts)
    {
        var user = KringUser.From(http.User) ?? throw new InvalidOperationException("The endpoint requires a signed-in user.");
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(body?.CurrentPassword)) errors.Add("currentPassword", "Vul uw huidige wachtwoord in.");
        PasswordPolicy.Check(body?.NewPassword, user.UserName, errors);
        if (!errors.Any && body!.NewPassword == body.CurrentPassword) errors.Add("newPassword", "Kies een ander wachtwoord dan uw huidige.");
        if (errors.Any) return Problems.Validation(errors);

        var account = await accounts.SignIn(user.UserName, body!.CurrentPassword);
        if (account is null)
        {
            errors.Add("currentPassword", "Uw huidige wachtwoord klopt niet.");
            return Problems.Validation(errors);
        }
        var changed = await accounts.ChangePassword(account, body.NewPassword!);
        if (changed is null) return Problems.NotFound("Dit account bestaat niet meer.");

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            KringUser.ToPrincipal(changed, CookieAuthenticationDefaults.AuthenticationScheme));
        var (token, expiresAt) = AuthSetup.IssueToken(http, changed);
        var u = KringUser.From(KringUser.ToPrincipal(changed, "token"))!;
        return Results.Ok(new SessionResponse(token, "Bearer", expiresAt, new UserDto(u.UserName, u.DisplayName, u.Role.ToString(), u.VillageId, u.VolunteerId, u.CircleId)));
    }
}
