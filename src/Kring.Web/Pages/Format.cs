using System.Globalization;
using Kring.Web.Input;

namespace Kring.Web.Pages;

/// <summary>Dutch, Europe/Amsterdam presentation of times and codes.</summary>
public static class Format
{
    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static string When(DateTimeOffset start, DateTimeOffset end)
    {
        var s = RequestInput.ToAmsterdam(start);
        var e = RequestInput.ToAmsterdam(end);
        return $"{s.ToString("dddd d MMMM yyyy", Dutch)}, {s:HH:mm}–{e:HH:mm}";
    }

    public static string Kind(HelpKind kind) => RequestInput.KindLabel(kind);

    public static string Needs(IEnumerable<string> needs)
    {
        var labels = needs.Select(RequestInput.NeedLabel).ToList();
        return labels.Count == 0 ? "geen bijzonderheden" : string.Join(", ", labels);
    }

    public static string Status(RequestStatus status) => status switch
    {
        RequestStatus.Open => "open",
        RequestStatus.Offered => "aangeboden",
        RequestStatus.Matched => "gekoppeld",
        RequestStatus.Cancelled => "geannuleerd",
        RequestStatus.Expired => "verlopen",
        RequestStatus.Completed => "afgerond",
        _ => status.ToString(),
    };

    public static string Status(OfferStatus status) => status switch
    {
        OfferStatus.Pending => "wacht op uw antwoord",
        OfferStatus.Accepting => "wordt bevestigd",
        OfferStatus.Accepted => "aangenomen",
        OfferStatus.Declined => "afgeslagen",
        OfferStatus.Withdrawn => "ingetrokken",
        OfferStatus.Expired => "verlopen",
        _ => status.ToString(),
    };
}
