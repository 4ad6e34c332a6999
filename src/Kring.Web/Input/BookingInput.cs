using System.Globalization;

namespace Kring.Web.Input;

/// <summary>What a volunteer reports after a booking, checked once for the API and the page.</summary>
public static class BookingInput
{
    public const double MaxHours = 12;

    /// <summary>Hours null means "as planned". A booking that did not take place needs a reason.</summary>
    public static (double? Hours, bool Happened, string? Reason)? Completion(
        double? hours, bool happened, string? reason, FieldErrors errors)
    {
        if (happened && hours is { } h && !(h > 0 && h <= MaxHours))
        {
            errors.Add("hours", $"Vul het aantal uren in, meer dan 0 en hooguit {MaxHours.ToString(CultureInfo.InvariantCulture)}.");
        }
        if (!happened && string.IsNullOrWhiteSpace(reason)) errors.Add("reason", "Vertel kort waarom het niet doorging.");
        if (reason is { Length: > 500 }) errors.Add("reason", "De reden is te lang (hooguit 500 tekens).");
        return errors.Any ? null : (happened ? hours : 0, happened, reason?.Trim());
    }

    /// <summary>Hours as a person types them: "1,5" or "1.5"; empty means as planned.</summary>
    public static double? ParseHours(string? text, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var hours)) return hours;
        errors.Add("hours", "Vul het aantal uren in als getal, bijvoorbeeld 1,5.");
        return null;
    }
}
