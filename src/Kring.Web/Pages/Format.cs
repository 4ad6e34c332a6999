using System.Globalization;
using Kring.Web.Input;
using Kring.Web.Localisation;
using Kring.Web.Services;

namespace Kring.Web.Pages;

/// <summary>Presentation of times and codes in the user's language (Dutch by default), always in Europe/Amsterdam time.</summary>
public static class Format
{
    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>nl-NL, or British English when the user switched to English.</summary>
    public static CultureInfo Culture => FrontEndSetup.IsEnglish ? English : Dutch;

    public static string When(DateTimeOffset start, DateTimeOffset end)
    {
        var s = RequestInput.ToAmsterdam(start);
        var e = RequestInput.ToAmsterdam(end);
        return $"{s.ToString("dddd d MMMM yyyy", Culture)}, {s.ToString("HH:mm", Culture)}–{e.ToString("HH:mm", Culture)}";
    }

    /// <summary>A moment, such as when a request was filed: "3 maart 2027 14:05".</summary>
    public static string Moment(DateTimeOffset at) => RequestInput.ToAmsterdam(at).ToString("d MMMM yyyy HH:mm", Culture);

    /// <summary>How long something has waited, in the unit a person reads at a glance.</summary>
    public static string Age(TimeSpan age) => age switch
    {
        { TotalHours: < 1 } => Texts.T("{0} min", Math.Max(0, (int)age.TotalMinutes)),
        { TotalDays: < 2 } => Texts.T("{0} uur", (int)age.TotalHours),
        _ => Texts.T("{0} dagen", (int)age.TotalDays),
    };

    public static string Time(TimeOnly time) => time.ToString("HH:mm", Culture);

    public static string Date(DateOnly date) => date.ToString("dddd d MMMM yyyy", Culture);

    public static string Kind(HelpKind kind) => Texts.T(RequestInput.KindLabel(kind));

    public static string Need(string code) => Texts.T(RequestInput.NeedLabel(code));

    public static string Needs(IEnumerable<string> needs)
    {
        var labels = needs.Select(Need).ToList();
        return labels.Count == 0 ? Texts.T("geen bijzonderheden") : string.Join(", ", labels);
    }

    public static string Day(DayOfWeek day) => Texts.T(Days.Dutch(day));

    public static string Status(RequestStatus status) => Texts.T(status switch
    {
        RequestStatus.Open => "open",
        RequestStatus.Offered => "aangeboden",
        RequestStatus.Matched => "gekoppeld",
        RequestStatus.Cancelled => "geannuleerd",
        RequestStatus.Expired => "verlopen",
        RequestStatus.Completed => "afgerond",
        _ => status.ToString(),
    });

    public static string Status(OfferStatus status) => Texts.T(status switch
    {
        OfferStatus.Pending => "wacht op uw antwoord",
        OfferStatus.Accepting => "wordt bevestigd",
        OfferStatus.Accepted => "aangenomen",
        OfferStatus.Declined => "afgeslagen",
        OfferStatus.Withdrawn => "ingetrokken",
        OfferStatus.Expired => "verlopen",
        _ => status.ToString(),
    });

    public static string Service(PartnerService service) => Texts.T(DutchService(service));

    /// <summary>The service's Dutch name, the key of its translations.</summary>
    public static string DutchService(PartnerService service) => service switch
    {
        PartnerService.Buddy => "maatje",
        PartnerService.Respite => "vervangende zorg",
        PartnerService.DayCare => "dagbesteding",
        PartnerService.ShortStay => "logeeropvang",
        PartnerService.InformationAndAdvice => "informatie en advies",
        _ => service.ToString(),
    };

    /// <summary>A count; for figures that leave the page, see Services.VillageCounts.</summary>
    public static string Count(int n) => n.ToString("N0", Culture);
}
