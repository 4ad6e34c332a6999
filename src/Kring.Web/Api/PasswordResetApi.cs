using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kring.Web.Api;

public sealed record PasswordResetInput(string? UserName);
/// <summary>The same answer whether or not the account exists.</summary>
public sealed record PasswordResetAnswer(string Message);
public sealed record PasswordResetConfirmInput(string? UserName, string? Code, string? NewPassword);

/// <summary>A forgotten password: a mailed link, and a new password chosen with its code. Nobody needs to be signed in.</summary>
public static class PasswordResetApi
{
    public static void MapKringPasswordResetApi(this RouteGroupBuilder api)
    {
        var reset = api.MapGroup("/password-reset").AllowAnonymous();
        reset.MapPost("", Ask).Doc("askPasswordReset", ApiTags.Session, "Ask for a link to set a new password",
            "Mails the account's own address a link with a single-use code that works for an hour (at most one per five " +
            "minutes). The answer is 202 whether or not the account exists, is blocked or has an address.");
        reset.MapPost("/confirm", Confirm).Doc("confirmPasswordReset", ApiTags.Session, "Set a new password with a mailed code",
            "Sets the new password with the code from the mailed link, which is then used up, and ends every earlier session. " +
            "A code that was used, expired or replaced is refused with a field error on code.");
    }

    private static async Task<Results<Accepted<PasswordResetAnswer>, InvalidInputProblem>> Ask(
        PasswordResetInput? body, HttpContext http, Accounts accounts)
    {
        var errors = new FieldErrors();
        if (!await PasswordResetDesk.Ask(accounts, http, body?.UserName, errors)) return Problems.Validation(errors);
        return TypedResults.Accepted((string?)null, new PasswordResetAnswer(
            "Hoort er een account met een e-mailadres bij deze gebruikersnaam, dan is er een link gemaild. "
            + "Die werkt één uur en één keer."));
    }

    private static async Task<Results<NoContent, InvalidInputProblem>> Confirm(
        PasswordResetConfirmInput? body, HttpContext http, Accounts accounts)
    {
        var errors = new FieldErrors();
        if (!await PasswordResetDesk.Choose(accounts, http, body?.UserName, body?.Code, body?.NewPassword, errors))
        {
            return Problems.Validation(errors);
        }
        return TypedResults.NoContent();
    }
}
