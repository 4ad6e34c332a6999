namespace Kring;

/// <summary>
/// How Kring reaches a person outside the site. <see cref="SharePhone"/>: a volunteer lets the carer see their phone
/// number once matched (the first name is always shown); a carer lets their booked volunteer see the circle's phone
/// number (a circle without contact details shows it, as before). <see cref="OffersByMail"/> applies to volunteers.
/// </summary>
[GenerateSerializer, Alias("kring.ContactDetails")]
public sealed record ContactDetails(
    [property: Id(0)] string? Email,
    [property: Id(1)] string? Mobile,
    [property: Id(2)] bool OffersByMail = true,
    [property: Id(3)] bool SharePhone = false,
    [property: Id(4)] string Language = "nl",
    /// <summary>
    /// Quiet hours (Europe/Amsterdam), for example 21:00–08:00: mail waits until they end (see <see
    /// cref="QuietHours"/>).
    /// </summary>
    [property: Id(5)] TimeOnly? QuietFrom = null,
    [property: Id(6)] TimeOnly? QuietUntil = null,
    /// <summary>A reminder by mail a day before each booking.</summary>
    [property: Id(7)] bool Reminders = true);

public static class QuietHours
{
    /// <summary>Mail about help that starts sooner than this goes out even during quiet hours.</summary>
    public static readonly TimeSpan Urgent = TimeSpan.FromHours(24);

    /// <summary>
    /// When a mail queued <paramref name="now"/> about help starting at <paramref name="start"/> may go out: null for at
    /// once, or the end of the person's quiet hours. Quiet hours may run past midnight (21:00–08:00).
    /// </summary>
    public static DateTimeOffset? Until(ContactDetails contact, DateTimeOffset now, DateTimeOffset? start)
    {
        if (contact is not { QuietFrom: { } from, QuietUntil: { } until } || from == until) return null;
        if (start is { } s && s - now <= Urgent) return null;
        var local = Amsterdam.ToLocal(now).DateTime;
        var time = TimeOnly.FromDateTime(local);
        var quiet = from < until ? time >= from && time < until : time >= from || time < until;
        if (!quiet) return null;
        var day = DateOnly.FromDateTime(local);
        if (from > until && time >= from) day = day.AddDays(1);
        return Amsterdam.FromLocal(day.ToDateTime(until));
    }
}
