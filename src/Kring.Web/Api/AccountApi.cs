using Kring.Web.Input;
using Kring.Web.Privacy;
using Kring.Web.Security;
using Kring.Web.Services;

namespace Kring.Web.Api;

public sealed record PasswordChangeJson(string? CurrentPassword, string? NewPassword);
public sealed record NewStaffAccountJson(string? UserName, string? DisplayName, string? Role, string? Village, string? Partner, string? Email = null);
public sealed record NewCarerAccountJson(string? UserName);

/// <summary>
/// Accounts: the signed-in user changes their own password; the operator signs up staff (consultants, village contact
/// persons, coordinators, other operators), lists them, and blocks or unblocks any account; the consultant gives a
/// carer an account for their circle. Volunteers are signed up by their coordinator. A new account comes with a one-time
/// activation code instead of a password; the operator (any account) and the consultant (their circle's) can issue a new
/// one. The work is in <see cref="AccountDesk"/>.
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
        accounts.MapPost("/{userName}/activation", async (string userName, HttpContext http, IGrainFactory grains, Accounts desk) =>
            await AccountDesk.NewActivation(grains, desk, http, userName) is { } account ? Results.Ok(account) : Problems.NotFound("Dit account bestaat niet."));
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
        circleAccounts.MapPost("/{userName}/activation", async (string circleId, string userName, HttpContext http, IGrainFactory grains, Accounts desk) =>
            await AccountDesk.NewActivation(grains, desk, http, userName, circleId) is { } account
                ? Results.Ok(account)
                : Problems.NotFound("Deze kring heeft geen account met deze gebruikersnaam."));
    }

    /// <summary>The user name is claimed atomically; the answer holds the activation code, to hand over in person.</summary>
    private static async Task<IResult> CreateStaffAccount(NewStaffAccountJson? body, HttpContext http, IGrainFactory grains, Accounts accounts, SecurityLog log)
    {
        var errors = new FieldErrors();
        if (body is null) { errors.Add("body", "Stuur de gegevens van het account mee."); return Problems.Validation(errors); }
        var created = await AccountDesk.CreateStaff(grains, accounts, log, http,
            new AccountDesk.StaffForm(body.UserName, body.DisplayName, body.Role, body.Village, body.Partner, body.Email), errors);
        return created is null ? Problems.Validation(errors) : Results.Json(created, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> CreateCarerAccount(string circleId, NewCarerAccountJson? body, HttpContext http, IGrainFactory grains, AccessLog log,
        Accounts accounts, SecurityLog security)
    {
        var circle = grains.GetGrain<ICarerCircleGrain>(circleId);
        if (await circle.Get() is not { } view) return await PrivacyApi.Missing(circle);
        var errors = new FieldErrors();
        var created = await AccountDesk.CreateCarer(grains, accounts, security, http, view.Profile, body?.UserName, errors);
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
    /// Sets the user's own password, checking the current one (or the activation code a new account signed in with); every
    /// earlier session ends, this one included. The answer is a fresh session, as from <c>POST /api/v1/session</c>, so the
    /// caller carries on with the new token or cookie.
    /// </summary>
    private static async Task<IResult> ChangePassword(PasswordChangeJson? body, HttpContext http, Accounts accounts)
    {
        var errors = new FieldErrors();
        var (changed, retryAfter) = await AccountDesk.ChangePassword(accounts, http, body?.CurrentPassword, body?.NewPassword, errors);
        if (retryAfter is { } wait) return Problems.TooManyAttempts(http, wait);
        if (changed is null) return Problems.Validation(errors);
        return Results.Ok(KringApi.Session(http, changed));
    }
}
