using System.Text.RegularExpressions;

namespace Kring.Web.Input;

/// <summary>The fields every new account has, checked the same way wherever an account is made.</summary>
public static partial class AccountInput
{
    public const string Taken = "Deze gebruikersnaam is al in gebruik. Kies een andere.";

    /// <summary>The user name in lower case; a field error on "userName" when it is not 3 to 32 letters, digits, dots or hyphens.</summary>
    public static string UserName(string? text, FieldErrors errors)
    {
        var userName = text?.Trim().ToLowerInvariant() ?? "";
        if (!UserNamePattern().IsMatch(userName))
        {
            errors.Add("userName", "Een gebruikersnaam heeft 3 tot 32 tekens: kleine letters, cijfers, een punt of een streepje.");
        }
        return userName;
    }

    /// <summary>The trimmed name; a field error on "displayName" when it is empty or not plain text of at most 100 characters.</summary>
    public static string DisplayName(string? text, FieldErrors errors, string whenEmpty)
    {
        var name = text?.Trim() ?? "";
        if (name.Length == 0) errors.Add("displayName", whenEmpty);
        else if (name.Length > 100 || name.Any(char.IsControl)) errors.Add("displayName", "Een naam heeft hooguit 100 gewone tekens.");
        return name;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{2,31}$")]
    private static partial Regex UserNamePattern();
}
