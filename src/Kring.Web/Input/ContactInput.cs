using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Kring.Web.Input;

/// <summary>An e-mail address, a mobile number and the choices about mail and sharing, checked once for the API and the pages.</summary>
public static partial class ContactInput
{
    public static ContactDetails? Parse(
        string? email, string? mobile, bool offersByMail, bool sharePhone, string? language, FieldErrors errors,
        string? quietFrom = null, string? quietUntil = null, bool reminders = true)
    {
        TimeOnly? from = null, until = null;
        if (!string.IsNullOrWhiteSpace(quietFrom) || !string.IsNullOrWhiteSpace(quietUntil))
        {
            if (AvailabilityInput.TryTime(quietFrom, out var f)) from = f;
            else errors.Add("quietFrom", "Vul het begin van de stille uren in als uu:mm.");
            if (AvailabilityInput.TryTime(quietUntil, out var u)) until = u;
            else errors.Add("quietUntil", "Vul het einde van de stille uren in als uu:mm.");
            if (from is not null && from == until) errors.Add("quietUntil", "Het begin en het einde van de stille uren zijn gelijk.");
        }
        var cleanEmail = Email(email, errors);
        var cleanMobile = string.IsNullOrWhiteSpace(mobile) ? null : Spaces().Replace(mobile.Trim(), "");
        if (cleanMobile is not null && !Mobile().IsMatch(cleanMobile))
        {
            errors.Add("mobile", "Vul een mobiel nummer in, bijvoorbeeld 06-12345678 of +31612345678.");
        }
        var lang = string.IsNullOrWhiteSpace(language) ? "nl" : language.Trim().ToLowerInvariant();
        if (lang is not ("nl" or "en")) errors.Add("language", "Kies nl of en.");
        return errors.Any ? null : new ContactDetails(cleanEmail, cleanMobile, offersByMail, sharePhone, lang, from, until, reminders);
    }

    /// <summary>An optional e-mail address: null when empty, an error when it is not an address.</summary>
    public static string? Email(string? email, FieldErrors errors)
    {
        var clean = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (clean is not null && (clean.Length > 254 || !IsAddress(clean)))
        {
            errors.Add("email", "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.");
        }
        return clean;
    }

    private static bool IsAddress(string email) =>
        MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.', StringComparison.Ordinal)
        && !email.Any(char.IsWhiteSpace);

    [GeneratedRegex(@"[\s]")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(\+316|06-?|00316)\d{8}$")]
    private static partial Regex Mobile();
}
