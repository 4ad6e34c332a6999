using Kring.Web.Input;
using Kring.Web.Security;

namespace Kring.Web.Services;

/// <summary>
/// A forgotten password, for the pages and the API alike: asking for a mailed link (the answer never says whether the
/// account exists), and choosing a new password with the link's code.
/// </summary>
public static class PasswordResetDesk
{
    public static async Task<bool> Ask(Accounts accounts, HttpContext http, string? userName, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.Trim().Length > 64)
        {
            errors.Add("userName", "Vul uw gebruikersnaam in.");
            return false;
        }
        await accounts.RequestReset(http, userName);
        return true;
    }

    public static async Task<bool> Choose(
        Accounts accounts, HttpContext http, string? userName, string? code, string? newPassword, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrWhiteSpace(code))
        {
            errors.Add("code", LinkFailed);
            return false;
        }
        PasswordPolicy.Check(newPassword, userName.Trim().ToLowerInvariant(), errors);
        if (errors.Any) return false;
        if (await accounts.Reset(http, userName, code.Trim(), newPassword!)) return true;
        errors.Add("code", LinkFailed);
        return false;
    }

    public const string LinkFailed =
        "Deze link werkt niet (meer): hij is al gebruikt, verlopen of vervangen door een nieuwere. Vraag een nieuwe aan.";
}
