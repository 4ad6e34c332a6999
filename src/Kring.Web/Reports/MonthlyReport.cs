using System.Text;

namespace Kring.Web.Reports;

/// <summary>One line of a report: a section, a key within it and a value that may be suppressed.</summary>
public sealed record ReportLine(string Section, string Key, string Value, double? Chart);

/// <summary>
/// The monthly report of one village: requests by kind, fill rate, time to match, unmatched requests by weekday and
/// part of the day (where to recruit volunteers) and volunteer hours. Counts from 1 to 4 are shown as "&lt;5", so no
/// report points at a single household, and within groups that add up to a known figure, see <see cref="SmallCounts"/>.
/// </summary>
public static class MonthlyReport
{
    public const int SmallCount = SmallCounts.Threshold;
    public const string Suppressed = SmallCounts.Small;
    public static readonly string[] DayParts = ["nacht", "ochtend", "middag", "avond"];

    public static IReadOnlyList<ReportLine> Build(IEnumerable<RequestSummary> requests, int year, int month)
    {
        var inMonth = requests.Where(r =>
        {
            var start = Amsterdam.ToLocal(r.Start);
            return start.Year == year && start.Month == month && r.Status != RequestStatus.Cancelled;
        }).ToList();
        var lines = new List<ReportLine>();
        // Both the kinds and matched with unmatched add up to the month's requests, which either gives away when shown in
        // full; the unmatched by part of the day add up to the unmatched.
        var kinds = Enum.GetValues<HelpKind>();
        lines.AddRange(Group("hulpvragen", kinds.Select(k => k == HelpKind.Buddy ? "maatje" : "vervangende zorg").ToList(),
            kinds.Select(k => inMonth.Count(r => r.Kind == k)).ToList()));
        var matched = inMonth.Where(r => r.Status is RequestStatus.Matched or RequestStatus.Completed).ToList();
        var matching = Group("koppeling", ["gekoppeld", "niet gekoppeld"], [matched.Count, inMonth.Count - matched.Count]);
        lines.AddRange(matching);
        var small = matching.Any(l => l.Chart is null);
        lines.Add(inMonth.Count < SmallCount || small
            ? new ReportLine("koppeling", "vulgraad (%)", Suppressed, null)
            : Number("koppeling", "vulgraad (%)", Math.Round(100.0 * matched.Count / inMonth.Count)));
        var waits = matched.Where(r => r.MatchedAt is not null).Select(r => (r.MatchedAt!.Value - r.CreatedAt).TotalHours).Order().ToList();
        lines.Add(waits.Count < SmallCount
            ? new ReportLine("koppeling", "mediane tijd tot koppeling (uur)", Suppressed, null)
            : Number("koppeling", "mediane tijd tot koppeling (uur)", Math.Round(waits[waits.Count / 2], 1)));

        var unmatched = inMonth.Where(r => r.Status is not (RequestStatus.Matched or RequestStatus.Completed)).ToList();
        DayOfWeek[] week =
        [
            DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday,
            DayOfWeek.Sunday,
        ];
        var slots = week.SelectMany(day => DayParts.Select(part => (Day: day, Part: part))).ToList();
        var slotNames = slots.Select(s => $"{Format(s.Day)} {s.Part}").ToList();
        lines.AddRange(Group("niet gekoppeld per dagdeel", slotNames, slots.Select(s => unmatched.Count(r =>
        {
            var start = Amsterdam.ToLocal(r.Start);
            return start.DayOfWeek == s.Day && DayParts[start.Hour / 6] == s.Part;
        })).ToList()));
        // Hours given as the volunteers reported them, hours assumed as planned when nobody reported within a week, and
        // hours still planned for bookings that have not been completed yet.
        var completed = inMonth.Where(r => r.Status == RequestStatus.Completed).ToList();
        lines.Add(Hours("uren gegeven", completed.Where(r => !r.HoursAssumed).ToList(), r => r.HoursGiven ?? 0));
        lines.Add(Hours("uren aangenomen (geen verslag)", completed.Where(r => r.HoursAssumed).ToList(), r => r.HoursGiven ?? 0));
        lines.Add(Hours("uren gepland", inMonth.Where(r => r.Status == RequestStatus.Matched).ToList(), r => (r.End - r.Start).TotalHours));
        return lines;
    }

    public static string ToCsv(IEnumerable<ReportLine> lines)
    {
        var csv = new StringBuilder("onderdeel;kenmerk;waarde\n");
        foreach (var line in lines) csv.Append(Quote(line.Section)).Append(';').Append(Quote(line.Key)).Append(';')
            .Append(Quote(line.Value)).Append('\n');
        return csv.ToString();
    }

    private static ReportLine Hours(string key, List<RequestSummary> requests, Func<RequestSummary, double> hours) =>
        requests.Count is > 0 and < SmallCount
            ? new ReportLine("vrijwilligers", key, Suppressed, null)
            : Number("vrijwilligers", key, Math.Round(requests.Sum(hours), 1));

    /// <summary>Counts that add up to a figure a reader can know, hidden together as <see cref="SmallCounts.HideInGroup"/> says.</summary>
    private static IEnumerable<ReportLine> Group(string section, List<string> keys, List<int> counts)
    {
        var hide = SmallCounts.HideInGroup(counts);
        return keys.Select((key, i) => new ReportLine(section, key, SmallCounts.Label(counts[i], hide[i]), hide[i] ? null : counts[i]));
    }

    private static ReportLine Number(string section, string key, double value) =>
        new(section, key, value.ToString(Pages.Format.Dutch), value);

    /// <summary>
    /// A cell a spreadsheet reads as text: one that starts like a formula (= + - @, a tab or a carriage return) gets a
    /// leading apostrophe, and one with a separator, quote or line break is quoted.
    /// </summary>
    public static string Quote(string value) => CsvCell.Quote(value, ';');

    private static string Format(DayOfWeek day) => Pages.Format.Dutch.DateTimeFormat.GetDayName(day);
}
