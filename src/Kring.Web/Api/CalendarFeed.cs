using System.Globalization;
using System.Text;

namespace Kring.Web.Api;

/// <summary>
/// A volunteer's assignments as an iCalendar feed (RFC 5545). Times are written in UTC, so no VTIMEZONE is needed; a
/// calendar shows them in its own time zone (Europe/Amsterdam for our users). The feed leaves Kring for whatever
/// calendar the volunteer uses, so it carries the kind of help and the village, never the carer's name, phone or address.
/// </summary>
public static class CalendarFeed
{
    public const string MediaType = "text/calendar";

    public static string Build(IEnumerable<Assignment> assignments, IReadOnlyDictionary<string, string> villageNames, string pageUrl,
        DateTimeOffset now)
    {
        var ics = new StringBuilder();
        Line(ics, "BEGIN:VCALENDAR");
        Line(ics, "VERSION:2.0");
        Line(ics, "PRODID:-//Kring//Afspraken van vrijwilligers//NL");
        Line(ics, "CALSCALE:GREGORIAN");
        Line(ics, "METHOD:PUBLISH");
        Line(ics, "X-WR-CALNAME:" + Text("Kring: mijn afspraken"));
        Line(ics, "X-WR-TIMEZONE:Europe/Amsterdam");
        foreach (var a in assignments.OrderBy(a => a.Start))
        {
            var village = villageNames.GetValueOrDefault(a.Village, a.Village);
            var kind = a.Kind == HelpKind.Buddy ? "Maatje" : "Vervangende zorg";
            Line(ics, "BEGIN:VEVENT");
            Line(ics, "UID:" + Text($"{a.RequestId}@kring"));
            Line(ics, "DTSTAMP:" + Utc(now));
            Line(ics, "DTSTART:" + Utc(a.Start));
            Line(ics, "DTEND:" + Utc(a.End));
            Line(ics, "SUMMARY:" + Text($"{kind} in {village} (Kring)"));
            Line(ics, "LOCATION:" + Text(village));
            Line(ics, "DESCRIPTION:" + Text($"Afspraak via Kring: {kind.ToLowerInvariant()} in {village}.\n" +
                $"De naam, het telefoonnummer en het adres staan in Kring onder Mijn afspraken: {pageUrl}"));
            Line(ics, "URL:" + pageUrl);
            Line(ics, "STATUS:CONFIRMED");
            Line(ics, "TRANSP:OPAQUE");
            Line(ics, "END:VEVENT");
        }
        Line(ics, "END:VCALENDAR");
        return ics.ToString();
    }

    /// <summary>A DATE-TIME in UTC form: 20270301T090000Z.</summary>
    public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Escapes a TEXT value (RFC 5545 3.3.11).</summary>
    public static string Text(string value) => value
        .Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r\n", "\\n").Replace("\n", "\\n").Replace("\r", "\\n");

    /// <summary>Writes a content line ending in CRLF, folded so no line is longer than 75 octets (RFC 5545 3.1).</summary>
    private static void Line(StringBuilder ics, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                ics.Append("\r\n ");
                octets = 1;
                limit = 75;
            }
            ics.Append(rune.ToString());
            octets += size;
        }
        ics.Append("\r\n");
    }
}
