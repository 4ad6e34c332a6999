using Kring.Hosting;
using Kring.Web.Input;
using Kring.Web.Privacy;
using Kring.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Kring.Web.Api;

public sealed record PasswordChangeJson(string? CurrentPassword, string? NewPassword);
public sealed record NewStaffAccountJson(string? UserName, string? DisplayName, string? Role, string? Village, string? Partner, string? Password, string? Email = null);
public sealed record NewCarerAccountJson(string? UserName, string? Password);

/// <summary>
/// Accounts: the signed-in user changes their own password; the operator signs up staff (consultants, village contact
/// persons, coordinators, other operators), lists them, and blocks or unblocks any account; the consultant gives a
/// carer an account for their circle. Volunteers are signed up by their coordinator. The work is in <see cref="AccountDesk"/>.
/// </summary>
public static class AccountApi
{
    public static void MapKringAccountApi(this RouteGroupBuilder api)
    {
        api.MapPut("/me/password", ChangePassword).RequireAuthorization();
        var accounts = api.MapGroup("/accounts").RequireAuthorization(AuthSetup.Policies.Operator);
        accounts.MapPost("", CreateStaffAccount);
        accounts.MapGet("", async (IGrainFactory grains) => Results.Ok(await AccountDesk.Staff(grains)));
        accounts.MapPost("/{userName}/block", (string userName, HttpContext http, IGrainFactory grains, SessionStamps stamps, SecurityLog log) =>
            SetBlocked(userName, true, http, grains, stamps, log));
        accounts.MapPost("/{userName}/unblock", (string userName, HttpContext http, IGrainFactory grains, SessionStamps stamps, SecurityLog log) =>
            SetBlocked(userName, false, http, grains, stamps, log));
        accounts.MapPost("/{userName}/unthrottle", async (string userName, HttpContext http, IGrainFactory grains, Accounts desk) =>
            await AccountDesk.LiftThrottles(grains, desk, http, userName) is { } account ? Results.Ok(account) : Problems.NotFound("Dit account bestaat niet."));
        var circleAccounts = api.MapGroup("/circles/{circleId}/accounts").RequireAuthorization(p => p.RequireRole(nameof(Role.CarerConsultant)));
        circleAccounts.MapPost("", CreateCarerAccount);
        circleAccounts.MapGet("", async (string circleId, HttpContext http, IGrainFactory grains, AccessLog log) =>
        {
            var circle = grains.GetGrain<ICarerCircleGrain>(circleId);
            if (await circle.Get() is null) return await PrivacyApi.Missing(circle);
            await log.Record(http, circleId, AccessKind.CircleViewed);
            return Results.Ok(await AccountDesk.ForCircle(grains, circleId));
        });
    }

    /// <summary>The user name is claimed atomically; the first password follows the policy and is handed over in person.</summary>
    private static async Task<IResult> CreateStaffAccount(NewStaffAccountJson? body, HttpContext http, IGrainFactory grains, SecurityLog log)
    {
        var errors = new FieldErrors();
        if (body is null) { errors.Add("body", "Stuur de gegevens van het account mee."); return Problems.Validation(errors); }
        var created = await AccountDesk.CreateStaff(grains, log, http,
            new AccountDesk.StaffForm(body.UserName, body.DisplayName, body.Role, body.Village, body.Partner, body.Password, body.Email), errors);
        return created is null ? Problems.Validation(errors) : Results.Json(created, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> CreateCarerAccount(string circleId, NewCarerAccountJson? body, HttpContext http, IGrainFactory grains, AccessLog log,
        SecurityLog security)
    {
        var circle = grains.GetGrain<ICarerCircleGrain>(circleId);
        if (await circle.Get() is not { } view) return await PrivacyApi.Missing(circle);
        var errors = new FieldErrors();
        var created = await AccountDesk.CreateCarer(grains, security, http, view.Profile, body?.UserName, body?.Password, errors);
        if (created is not null) await log.Record(http, circleId, AccessKind.AccountCreated);
        return created is null ? Problems.Validation(errors) : Results.Json(created, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> SetBlocked(string userName, bool blocked, HttpContext http, IGrainFactory grains, SessionStamps stamps, SecurityLog log)
    {
        var (outcome, account) = await AccountDesk.SetBlocked(grains, stamps, log, http, userName, blocked);
        return outcome switch
        {
            AccountDesk.BlockOutcome.NotFound => Problems.NotFound("Dit account bestaat niet."),
            AccountDesk.BlockOutcome.Self => Problems.Conflict("U kunt uw eigen account niet blokkeren.", "self"),
            _ => Results.Ok(account),
        };
    }

    /// <summary>
    /// Checks the current password (a wrong one counts and throttles like a failed sign-in) and the policy, sets
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

        var (account, retryAfter) = await accounts.CheckPassword(http, user.UserName, body!.CurrentPassword);
        if (retryAfter is { } wait) return Problems.TooManyAttempts(http, wait);
        if (account is null)
        {
            errors.Add("currentPassword", "Uw huidige wachtwoord klopt niet.");
            return Problems.Validation(errors);
        }
        var changed = await accounts.ChangePassword(http, account, body.NewPassword!);
        if (changed is null) return Problems.NotFound("Dit account bestaat niet meer.");

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            KringUser.ToPrincipal(changed, CookieAuthenticationDefaults.AuthenticationScheme));
        var (token, expiresAt) = AuthSetup.IssueToken(http, changed);
        var u = KringUser.From(KringUser.ToPrincipal(changed, "token"))!;
        return Results.Ok(new SessionResponse(token, "Bearer", expiresAt, new UserDto(u.UserName, u.DisplayName, u.Role.ToString(), u.VillageId, u.VolunteerId, u.CircleId)));
    }
}
