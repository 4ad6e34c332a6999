using System.Globalization;
using System.Text.RegularExpressions;

namespace Kring.Web.Input;

/// <summary>A volunteer's preferences: the kinds of help they give, their skills and how far they travel.</summary>
public sealed record Preferences(IReadOnlyList<HelpKind> Kinds, IReadOnlyList<string> Skills, double MaxKm);

public static class PreferencesInput
{
    public const double MinKm = 1;
    /// <summary>Matching sees volunteers up to 25 km across a region's border, so a larger radius would not help.</summary>
    public const double MaxKm = 25;

    /// <summary>Validates kinds (buddy, respite), skills (known needs) and the radius, written with a dot or a comma.</summary>
    public static Preferences? Parse(IReadOnlyList<string>? kinds, IReadOnlyList<string>? skills, string? maxKm, FieldErrors errors)
    {
        var parsedKinds = new List<HelpKind>();
        foreach (var code in kinds ?? [])
        {
            if (HelpKinds.TryParse(code, out var kind)) parsedKinds.Add(kind);
            else errors.Add("kinds", "Kies maatje (buddy) of vervangende zorg (respite).");
        }
        if (parsedKinds.Count == 0 && !errors.Has("kinds")) errors.Add("kinds", "Kies minstens één soort hulp.");

        var cleanSkills = (skills ?? []).Select(s => s?.Trim().ToLowerInvariant() ?? "").Where(s => s.Length > 0).Distinct().ToList();
        if (cleanSkills.Any(s => !RequestInput.KnownNeeds.Contains(s)))
        {
            errors.Add("skills", $"Kies uit: {string.Join(", ", RequestInput.KnownNeeds)}.");
        }

        double? km = null;
        if (string.IsNullOrWhiteSpace(maxKm)) errors.Add("maxKm", "Vul in hoe ver u wilt reizen, in kilometers.");
        else if (!double.TryParse(
                     maxKm.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                 || value < MinKm || value > MaxKm)
        {
            errors.Add("maxKm", $"Vul een afstand in van {MinKm:0} tot en met {MaxKm:0} km.");
        }
        else km = Math.Round(value, 1);

        return errors.Any
            ? null
            : new Preferences(parsedKinds.Distinct().Order().ToList(), cleanSkills.Order(StringComparer.Ordinal).ToList(), km!.Value);
    }

    public static string Km(double km) => km.ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>A new carer circle, registered by a carer consultant.</summary>
public static partial class CircleInput
{
    public static readonly string[] Relationships = ["partner", "ouder", "kind", "broer of zus", "buur", "vriend(in)", "anders"];
    public const int MinAge = 8;
    public const int MaxAge = 110;

    public static CircleProfile? Validate(
        string id, string? village, IReadOnlyCollection<string> knownVillages, string? carerName, int? carerAge,
        string? careRecipientName, string? relationship, IReadOnlyList<string>? needs, string? phone, string? address, FieldErrors errors)
    {
        var villageId = village?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(villageId)) errors.Add("village", "Kies het dorp.");
        else if (!knownVillages.Contains(villageId)) errors.Add("village", "Dit dorp kennen we niet.");

        var carer = Name(carerName, "carerName", "Vul de naam van de mantelzorger in.", errors);
        if (carerAge is null) errors.Add("carerAge", "Vul de leeftijd van de mantelzorger in.");
        else if (carerAge < MinAge || carerAge > MaxAge)
        {
            errors.Add("carerAge", $"Vul een leeftijd in van {MinAge} tot en met {MaxAge} jaar.");
        }
        var recipient = Name(careRecipientName, "careRecipientName", "Vul de naam in van de naaste voor wie wordt gezorgd.", errors);

        var relation = relationship?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(relation)) errors.Add("relationship", "Kies de relatie tot de naaste.");
        else if (!Relationships.Contains(relation)) errors.Add("relationship", $"Kies uit: {string.Join(", ", Relationships)}.");

        var cleanNeeds = (needs ?? []).Select(n => n?.Trim().ToLowerInvariant() ?? "").Where(n => n.Length > 0).Distinct().ToList();
        if (cleanNeeds.Any(n => !RequestInput.KnownNeeds.Contains(n)))
        {
            errors.Add("needs", $"Kies uit: {string.Join(", ", RequestInput.KnownNeeds)}.");
        }

        var cleanPhone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        if (cleanPhone is null) errors.Add("phone", "Vul een telefoonnummer in, zodat de vrijwilliger kan bellen.");
        else if (!PhonePattern().IsMatch(cleanPhone) || cleanPhone.Count(char.IsAsciiDigit) is < 6 or > 15)
        {
            errors.Add("phone", "Vul een telefoonnummer in met cijfers, bijvoorbeeld 06-12345678 of +31 46 123 4567.");
        }
        var cleanAddress = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
        if (cleanAddress is null) errors.Add("address", "Vul het adres in waar de hulp nodig is.");
        else if (cleanAddress.Length > 200 || cleanAddress.Any(char.IsControl))
        {
            errors.Add("address", "Het adres is te lang (hooguit 200 tekens).");
        }

        return errors.Any
            ? null
            : new CircleProfile(id, villageId!, carer!, carerAge!.Value, recipient!, relation!, cleanNeeds, cleanPhone, cleanAddress);
    }

    /// <summary>A circle id that is stable for one idempotency key, so a retried registration is recognised; random otherwise.</summary>
    public static string NewId(string? idempotencyKey)
    {
        var bytes = string.IsNullOrWhiteSpace(idempotencyKey)
            ? Guid.NewGuid().ToByteArray()
            : System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("circle\n" + idempotencyKey));
        return "c-" + Convert.ToHexStringLower(bytes.AsSpan(0, 6));
    }

    private static string? Name(string? value, string field, string missing, FieldErrors errors)
    {
        var clean = value?.Trim();
        if (string.IsNullOrEmpty(clean)) { errors.Add(field, missing); return null; }
        if (clean.Length > 100 || clean.Any(char.IsControl)) { errors.Add(field, "De naam is te lang (hooguit 100 tekens)."); return null; }
        return clean;
    }

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{4,24}$")]
    private static partial Regex PhonePattern();
}
