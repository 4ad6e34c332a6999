namespace Kring.Web.Input;

/// <summary>
/// The rules for every password set through Kring: at least 12 characters, not the user name, and not one of the
/// passwords everybody tries first (a short list, plus a common word with only digits or symbols around it).
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    /// <summary>Sign-in refuses longer passwords, so a longer one could never be used.</summary>
    public const int MaxLength = 256;

    /// <summary>Passwords that are long enough yet on every guessing list, in lower case.</summary>
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "123456789012", "1234567890123", "12345678901234", "123456123456", "123123123123", "098765432109",
        "qwertyuiop12", "qwerty123456", "qwertyuiopas", "qwertyuiopasdf", "azertyuiop12", "1q2w3e4r5t6y", "q1w2e3r4t5y6",
        "1qaz2wsx3edc", "zaq12wsxcde3", "qazwsxedcrfv", "asdfghjkl123", "abcdefghijkl", "abcdefgh1234", "abc123abc123",
        "iloveyou1234", "iloveyouiloveyou", "letmein12345", "trustno11234", "princess1234", "football1234", "baseball1234",
        "sunshine1234", "superman1234", "monkey123456", "dragon123456", "starwars1234", "passw0rd1234", "p@ssw0rd1234",
        "p@ssword1234", "wachtw00rd12", "welkom01welkom", "geheim123456", "ikhouvanjou1", "ikhouvanjou123",
        "feyenoord123", "ajaxamsterdam", "nederland123", "amsterdam123", "maastricht12", "limburg12345",
        "kring-demo-kring", "kringkring12", "mantelzorg12", "mantelzorger", "vrijwilliger", "zomer2024!!!",
    };

    /// <summary>Words that stay guessable with any digits or symbols added before or after them.</summary>
    private static readonly string[] CommonWords =
    [
        "password", "passwort", "wachtwoord", "welkom", "welcome", "geheim", "qwerty", "azerty", "letmein", "admin",
        "kring", "kringdemo", "mantelzorg", "mantelzorger", "vrijwilliger", "beheerder", "consulent", "coordinator",
        "stein", "elsloo", "limburg", "nederland", "iloveyou", "ikhouvanjou",
    ];

    /// <summary>Adds Dutch messages for <paramref name="field"/> when the password breaks a rule.</summary>
    public static void Check(string? password, string userName, FieldErrors errors, string field = "newPassword")
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "Vul een nieuw wachtwoord in.");
            return;
        }
        var length = password.EnumerateRunes().Count();
        if (length < MinLength) errors.Add(field, $"Een wachtwoord heeft minstens {MinLength} tekens.");
        if (password.Length > MaxLength) errors.Add(field, $"Een wachtwoord heeft hooguit {MaxLength} tekens.");
        if (string.IsNullOrWhiteSpace(password)) errors.Add(field, "Een wachtwoord bestaat niet alleen uit spaties.");
        if (string.Equals(password.Trim(), userName.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(field, "Kies een wachtwoord dat niet gelijk is aan uw gebruikersnaam.");
        }
        else if (length >= MinLength && IsCommon(password))
        {
            errors.Add(field, "Dit wachtwoord is te makkelijk te raden: het staat op de lijsten die inbrekers als eerste proberen.");
        }
    }

    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (Common.Contains(lower)) return true;
        // One character over and over ("aaaaaaaaaaaa", "111111111111").
        if (lower.Distinct().Count() == 1) return true;
        // A common word with only digits and symbols around it: "Wachtwoord2024!", "welkom123456", or digits alone.
        var letters = new string(lower.Where(char.IsLetter).ToArray());
        return letters.Length == 0 || CommonWords.Contains(letters);
    }
}
