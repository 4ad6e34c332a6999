using Kring.Web.Input;
using Kring.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Kring.Web.Api;

public sealed record PasswordChangeJson(string? CurrentPassword, string? NewPassword);

/// <summary>The signed-in user's own account: changing the password.</summary>
public static class AccountApi
{
    public static void MapKringAccountApi(this RouteGroupBuilder api)
    {
        api.MapPut("/me/password", ChangePassword).RequireAuthorization();
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
