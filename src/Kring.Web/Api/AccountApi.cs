using Kring.Web.Input;
using Kring.Web.Privacy;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kring.Web.Api;

public sealed record PasswordChangeInput(string? CurrentPassword, string? NewPassword);
public sealed record NewStaffAccountInput(string? UserName, string? DisplayName, string? Role, string? Village, string? Partner,
    string? Email = null, string? Municipality = null);
public sealed record NewCarerAccountInput(string? UserName);

/// <summary>
/// Accounts: the signed-in user changes their own password; the operator signs up staff (consultants, village contact
/// persons, coordinators, other operators), lists them, and blocks or unblocks any account; the consultant gives a
/// carer an account for their circle. Volunteers are signed up by their coordinator. A new account comes with a one-time
/// activation code instead of a password; the operator (any account) and the consultant (their circle's) can issue a new
/// one. The work is in <see cref="AccountDesk"/>.
/// </summary>
public static class AccountApi
{
    private const string NoAccount = "Dit account bestaat niet.";

    public static void MapKringAccountApi(this RouteGroupBuilder api)
    {
        api.MapPut("/me/password", ChangePassword).RequireAuthorization().Doc("changePassword", ApiTags.Accounts, "Change my password",
            "Sets the user's own password, checking the current one (or the activation code). Every earlier session ends; the " +
            "answer is a fresh session, as from signing in.");
        var accounts = api.MapGroup("/accounts").RequireAuthorization(AuthSetup.Policies.Operator);
        accounts.MapPost("", CreateStaffAccount).Doc("createStaffAccount", ApiTags.Accounts, "Create a staff account",
            "The operator signs up a consultant, village contact person, coordinator or operator. The answer holds the one-time " +
            "activation code, to hand over in person.");
        accounts.MapGet("", async (IGrainFactory grains, HttpContext http) =>
            TypedResults.Ok(await AccountDesk.Staff(grains, KringUser.Current(http))))
            .Doc("listStaffAccounts", ApiTags.Accounts, "List the staff accounts", "Returns every staff account, for the operator.");
        accounts.MapPost("/{userName}/block", (string userName, HttpContext http, IGrainFactory grains, SessionStamps stamps,
            SecurityLog log) =>
                SetBlocked(userName, true, http, grains, stamps, log))
            .Doc("blockAccount", ApiTags.Accounts, "Block an account",
                "Blocks an account and ends its sessions. Operators cannot block themselves.");
        accounts.MapPost("/{userName}/unblock", (string userName, HttpContext http, IGrainFactory grains, SessionStamps stamps,
            SecurityLog log) =>
                SetBlocked(userName, false, http, grains, stamps, log))
            .Doc("unblockAccount", ApiTags.Accounts, "Unblock an account", "Lets a blocked account sign in again.");
        accounts.MapPost("/{userName}/activation", NewActivation).Doc("issueActivation", ApiTags.Accounts, "Issue a new activation code",
            "Replaces the account's password with a new one-time activation code, returned in the answer.");
        accounts.MapPost("/{userName}/unthrottle", LiftThrottles).Doc("liftThrottles", ApiTags.Accounts, "Lift the sign-in throttle",
            "Lets an account that was throttled after failed sign-ins try again at once.");

        var circleAccounts = api.MapGroup("/circles/{circleId}/accounts").RequireAuthorization(p =>
            p.RequireRole(nameof(Role.CarerConsultant)));
        circleAccounts.MapPost("", CreateCarerAccount).Doc("createCarerAccount", ApiTags.Accounts, "Create a carer account",
            "The consultant gives the carer an account for their circle; the answer holds the one-time activation code.");
        circleAccounts.MapGet("", CircleAccounts).Doc("listCircleAccounts", ApiTags.Accounts, "List a circle's accounts",
            "Returns the accounts of a circle, for the consultant. 410 for a circle that was erased.");
        circleAccounts.MapPost("/{userName}/activation", NewCircleActivation).Doc("issueCircleActivation", ApiTags.Accounts,
            "Issue a new activation code for a carer",
                "Replaces the password of the circle's account with a new one-time activation code.");
    }

    private static async Task<Results<Ok<AccountDto>, NotFoundProblem>> NewActivation(
        string userName, HttpContext http, IGrainFactory grains, Accounts desk) =>
        await AccountDesk.NewActivation(grains, desk, http,
            userName) is { } account ? TypedResults.Ok(account) : Problems.NotFound(NoAccount);

    private static async Task<Results<Ok<AccountDto>, NotFoundProblem>> LiftThrottles(
        string userName, HttpContext http, IGrainFactory grains, Accounts desk) =>
        await AccountDesk.LiftThrottles(grains, desk, http,
            userName) is { } account ? TypedResults.Ok(account) : Problems.NotFound(NoAccount);

    private static async Task<Results<Ok<IReadOnlyList<AccountDto>>, MissingProblem>> CircleAccounts(
        string circleId, HttpContext http, IGrainFactory grains, AccessLog log)
    {
        var circle = grains.GetGrain<ICarerCircleGrain>(circleId);
        if (await circle.Get() is null) return await PrivacyApi.Missing(circle);
        await log.Record(http, circleId, AccessKind.CircleViewed);
        return TypedResults.Ok(await AccountDesk.ForCircle(grains, circleId));
    }

    private static async Task<Results<Ok<AccountDto>, NotFoundProblem>> NewCircleActivation(
        string circleId, string userName, HttpContext http, IGrainFactory grains, Accounts desk) =>
        await AccountDesk.NewActivation(grains, desk, http, userName, circleId) is { } account
            ? TypedResults.Ok(account)
            : Problems.NotFound("Deze kring heeft geen account met deze gebruikersnaam.");

    /// <summary>The user name is claimed atomically; the answer holds the activation code, to hand over in person.</summary>
    private static async Task<Results<Created<AccountDto>, InvalidInputProblem>> CreateStaffAccount(
        NewStaffAccountInput? body, HttpContext http, IGrainFactory grains, Accounts accounts, SecurityLog log)
    {
        var errors = new FieldErrors();
        if (body is null) { errors.Add("body", "Stuur de gegevens van het account mee."); return Problems.Validation(errors); }
        var created = await AccountDesk.CreateStaff(grains, accounts, log, http,
            new AccountDesk.StaffForm(body.UserName, body.DisplayName, body.Role, body.Village, body.Partner, body.Email,
                body.Municipality), errors);
        // No Location header: there is no route that reads one account.
        return created is null ? Problems.Validation(errors) : TypedResults.Created((string?)null, created);
    }

    private static async Task<Results<Created<AccountDto>, InvalidInputProblem, MissingProblem>> CreateCarerAccount(
        string circleId, NewCarerAccountInput? body, HttpContext http, IGrainFactory grains, AccessLog log, Accounts accounts,
            SecurityLog security)
    {
        var circle = grains.GetGrain<ICarerCircleGrain>(circleId);
        if (await circle.Get() is not { } view) return await PrivacyApi.Missing(circle);
        var errors = new FieldErrors();
        var created = await AccountDesk.CreateCarer(grains, accounts, security, http, view.Profile, body?.UserName, errors);
        if (created is not null) await log.Record(http, circleId, AccessKind.AccountCreated);
        return created is null ? Problems.Validation(errors) : TypedResults.Created((string?)null, created);
    }

    private static async Task<Results<Ok<AccountDto>, NotFoundProblem, ConflictProblem>> SetBlocked(
        string userName, bool blocked, HttpContext http, IGrainFactory grains, SessionStamps stamps, SecurityLog log)
    {
        var (outcome, account) = await AccountDesk.SetBlocked(grains, stamps, log, http, userName, blocked);
        return outcome switch
        {
            AccountDesk.BlockOutcome.NotFound => Problems.NotFound(NoAccount),
            AccountDesk.BlockOutcome.Self => Problems.Conflict("U kunt uw eigen account niet blokkeren.", "self"),
            _ => TypedResults.Ok(account!),
        };
    }

    /// <summary>
    /// Sets the user's own password, checking the current one (or the activation code a new account signed in with); every
    /// earlier session ends, this one included. The answer is a fresh session, as from <c>POST /api/v1/session</c>, so the
    /// caller carries on with the new token or cookie.
    /// </summary>
    private static async Task<Results<Ok<SessionResponse>, InvalidInputProblem, TooManyAttemptsProblem>> ChangePassword(
        PasswordChangeInput? body, HttpContext http, Accounts accounts)
    {
        var errors = new FieldErrors();
        var (changed, retryAfter) = await AccountDesk.ChangePassword(accounts, http, body?.CurrentPassword, body?.NewPassword, errors);
        if (retryAfter is { } wait) return Problems.TooManyAttempts(http, wait);
        if (changed is null) return Problems.Validation(errors);
        return TypedResults.Ok(KringApi.Session(http, changed));
    }
}
