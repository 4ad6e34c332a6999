using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kring.Web.Input;
using Kring.Web.Security;

namespace Kring.Web.Services;

/// <summary>
/// The sociale kaart: which partner serves which village and need, for the public page and the API alike, and the
/// municipality's staff (the consultant, the operator) keeping a partner's details up to date on the page and the API.
/// </summary>
public static partial class PartnerDesk
{
    public enum Refusal { None, NotAllowed, NoSuchPartner, Invalid }

    public const int MaxDescriptionLength = 1000;
    public const int MaxAddressLength = 200;
    public const int MaxOpeningHoursLength = 300;
    public const int MaxPhoneLength = 30;
    public const int MaxWebsiteLength = 300;
    public const int MaxNeedLength = 100;
    public const string NotStaff =
        "Alleen de mantelzorgconsulent en de beheerder van de gemeente werken de gegevens van deze organisatie bij.";

    /// <summary>What was typed, as text, so the page and the API give the same messages.</summary>
    public sealed record Form(
        string? Description, IReadOnlyList<string>? Services, string? Address, string? OpeningHours, string? Phone, string? Website,
        IReadOnlyList<string>? Villages);

    /// <summary>The municipality's staff: the consultant and the operator.</summary>
    public static bool IsStaff(KringUser? user) => user?.Role is Role.CarerConsultant or Role.Operator;

    /// <summary>
    /// May the user change this partner's details? Staff whose work reaches the partner's municipality; a partner without one
    /// counts as in the municipality of its villages.
    /// </summary>
    public static bool MayEdit(KringUser? user, PartnerInfo partner, IReadOnlyList<VillageInfo> villages)
    {
        if (user is null || !IsStaff(user)) return false;
        var municipality = partner.Municipality ?? villages.FirstOrDefault(v => partner.Villages.Contains(v.Id))?.Region;
        return municipality is null || user.WorksIn(municipality);
    }

    public static async Task<(Refusal Refusal, PartnerInfo? Saved)> Save(
        IGrainFactory grains, KringUser user, string partnerId, Form form, FieldErrors errors)
    {
        if (!IsStaff(user)) return (Refusal.NotAllowed, null);
        var grain = grains.GetGrain<IPartnerGrain>(partnerId);
        if (await grain.GetInfo() is not { } partner) return (Refusal.NoSuchPartner, null);
        var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
        if (!MayEdit(user, partner, villages)) return (Refusal.NotAllowed, null);
        var edited = Validate(partner, form, villages, user, errors);
        if (edited is null) return (Refusal.Invalid, null);
        var saved = edited with { UpdatedBy = user.UserName, UpdatedAt = TimeProvider.System.GetUtcNow() };
        await grain.Define(saved);
        return (Refusal.None, saved);
    }

    private static PartnerInfo? Validate(
        PartnerInfo partner, Form form, IReadOnlyList<VillageInfo> villages, KringUser user, FieldErrors errors)
    {
        var description = form.Description?.Trim() ?? "";
        if (description.Length is 0 or > MaxDescriptionLength || HasControl(description))
        {
            errors.Add("description", $"Beschrijf wat de organisatie doet (hooguit {MaxDescriptionLength} tekens).");
        }
        var services = Services(form.Services, errors);
        var address = Optional(form.Address, "address", MaxAddressLength, errors);
        var openingHours = Optional(form.OpeningHours, "openingHours", MaxOpeningHoursLength, errors);
        var phone = Optional(form.Phone, "phone", MaxPhoneLength, errors);
        if (phone is not null && !errors.Has("phone") && (!PhonePattern().IsMatch(phone) || phone.Count(char.IsAsciiDigit) < 6))
        {
            errors.Add("phone", "Vul een telefoonnummer in met alleen cijfers, spaties, + en -.");
        }
        var website = Optional(form.Website, "website", MaxWebsiteLength, errors);
        if (website is not null && !errors.Has("website") && Website(website) is null)
        {
            errors.Add("website", "Vul een volledig webadres in dat begint met https:// of http://.");
        }
        var served = Villages(partner, form.Villages, villages, user, errors);
        if (errors.Any) return null;
        return partner with
        {
            Description = description,
            Services = services,
            Address = address,
            OpeningHours = openingHours,
            Phone = phone,
            Website = website,
            Villages = served,
        };
    }

    private static List<PartnerService> Services(IReadOnlyList<string>? codes, FieldErrors errors)
    {
        var services = new List<PartnerService>();
        foreach (var code in codes ?? [])
        {
            if (!TryService(code, out var service))
            {
                errors.Add("services", "Kies uit maatje, vervangende zorg, dagbesteding, logeeropvang en informatie en advies " +
                    "(buddy, respite, dayCare, shortStay, informationAndAdvice).");
                return services;
            }
            if (!services.Contains(service)) services.Add(service);
        }
        if (services.Count == 0) errors.Add("services", "Kies wat de organisatie biedt.");
        return services;
    }

    private static List<string> Villages(
        PartnerInfo partner, IReadOnlyList<string>? ids, IReadOnlyList<VillageInfo> villages, KringUser user, FieldErrors errors)
    {
        var served = new List<string>();
        foreach (var id in (ids ?? []).Select(i => i?.Trim().ToLowerInvariant() ?? "").Distinct())
        {
            var village = villages.FirstOrDefault(v => v.Id == id);
            if (village is null)
            {
                errors.Add("villages", $"Dorp '{Cut(id)}' bestaat niet.");
                break;
            }
            if ((partner.Municipality is { } municipality && village.Region != municipality) || !user.WorksIn(village.Region))
            {
                errors.Add("villages", $"{village.Name} hoort niet bij de gemeente van deze organisatie.");
                break;
            }
            served.Add(id);
        }
        return served;
    }

    private static string? Optional(string? text, string field, int max, FieldErrors errors)
    {
        var clean = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (clean is not null && (clean.Length > max || HasControl(clean))) errors.Add(field, $"Hooguit {max} tekens, zonder stuurtekens.");
        return clean;
    }

    /// <summary>Control characters other than line breaks, which a description may have.</summary>
    private static bool HasControl(string text) => text.Any(c => char.IsControl(c) && c is not ('\n' or '\r'));

    /// <summary>A web address a link may point to: absolute, http or https, with a host; null for anything else.</summary>
    public static Uri? Website(string? text) =>
        text is not null && !text.Any(char.IsWhiteSpace) && Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0 && uri.UserInfo.Length == 0
            ? uri
            : null;

    /// <summary>The service's code, as the API writes it (dayCare).</summary>
    public static string Code(PartnerService service) => JsonNamingPolicy.CamelCase.ConvertName(service.ToString());

    public static bool TryService(string? code, out PartnerService service)
    {
        foreach (var candidate in Enum.GetValues<PartnerService>())
        {
            if (string.Equals(Code(candidate), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                service = candidate;
                return true;
            }
        }
        service = default;
        return false;
    }

    /// <summary>Does the partner work in the village? No villages means all of its municipality's.</summary>
    public static bool Serves(PartnerInfo partner, VillageInfo village) => partner.WorksIn(village.Id, village.Region);

    /// <summary>
    /// Does the partner meet the need, as someone types it: a service's code or name (Dutch or the page's language), or words
    /// in its name or description; case and accents do not matter.
    /// </summary>
    public static bool Meets(PartnerInfo partner, string need)
    {
        need = need.Trim();
        if (need.Length == 0) return true;
        return partner.Services.Any(s => Named(s).Any(name => Contains(name, need) || Contains(need, name)))
            || Contains(partner.Name, need) || Contains(partner.Description, need);
    }

    private static IEnumerable<string> Named(PartnerService service)
    {
        yield return Code(service);
        yield return Pages.Format.DutchService(service);
        yield return Pages.Format.Service(service);
    }

    private static bool Contains(string text, string part) =>
        CultureInfo.InvariantCulture.CompareInfo.IndexOf(text, part, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;

    private static string Cut(string text) => text.Length > 40 ? text[..40] + "…" : text;

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]*[0-9]$")]
    private static partial Regex PhonePattern();
}
