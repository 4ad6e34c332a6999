using System.Globalization;

namespace Kring.Web.Input;

/// <summary>Field errors keyed by field name, with messages in Dutch, ready for a ValidationProblem or a form.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>Just this one error.</summary>
    public static FieldErrors One(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors;
    }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public IEnumerable<KeyValuePair<string, List<string>>> All => _errors;
}

public static class Days
{
    private static readonly (DayOfWeek Day, string Code, string Dutch)[] All =
    [
        (DayOfWeek.Monday, "monday", "maandag"),
        (DayOfWeek.Tuesday, "tuesday", "dinsdag"),
        (DayOfWeek.Wednesday, "wednesday", "woensdag"),
        (DayOfWeek.Thursday, "thursday", "donderdag"),
        (DayOfWeek.Friday, "friday", "vrijdag"),
        (DayOfWeek.Saturday, "saturday", "zaterdag"),
        (DayOfWeek.Sunday, "sunday", "zondag"),
    ];

    public static IEnumerable<DayOfWeek> Week => All.Select(d => d.Day);
    public static string Code(DayOfWeek day) => All.First(d => d.Day == day).Code;
    public static string Dutch(DayOfWeek day) => All.First(d => d.Day == day).Dutch;

    public static bool TryParse(string? code, out DayOfWeek day)
    {
        foreach (var d in All)
        {
            if (string.Equals(d.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                day = d.Day;
                return true;
            }
        }
        day = default;
        return false;
    }
}

public static class AvailabilityInput
{
    public const int MaxSlots = 28;

    public static AvailabilityDto? Parse(
        IReadOnlyList<(string? Day, string? From, string? To)> slots, IReadOnlyList<string>? daysOff, bool paused, FieldErrors errors)
    {
        var weekly = new List<WeeklySlotDto>();
        if (slots.Count > MaxSlots) errors.Add("weekly", $"Geef hooguit {MaxSlots} tijdvakken op.");
        for (var i = 0; i < slots.Count && i < MaxSlots; i++)
        {
            var (day, from, to) = slots[i];
            var field = $"weekly[{i}]";
            if (!Days.TryParse(day, out var dayOfWeek)) { errors.Add($"{field}.day", "Kies een dag van de week."); continue; }
            if (!TryTime(from, out var f)) { errors.Add($"{field}.from", "Vul een begintijd in als uu:mm."); continue; }
            if (!TryTime(to, out var t)) { errors.Add($"{field}.to", "Vul een eindtijd in als uu:mm."); continue; }
            if (t <= f) { errors.Add($"{field}.to", "De eindtijd moet na de begintijd liggen."); continue; }
            weekly.Add(new WeeklySlotDto(dayOfWeek, f, t));
        }
        var off = new List<DateOnly>();
        foreach (var (text, i) in (daysOff ?? []).Select((d, i) => (d, i)))
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) off.Add(date);
            else errors.Add($"daysOff[{i}]", "Vul een datum in als jjjj-mm-dd.");
        }
        return errors.Any ? null : new AvailabilityDto(weekly, off, paused);
    }

    public static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}

public static class RequestInput
{
    public static readonly string[] KnownNeeds = Needs.Known;

    public static string NeedLabel(string code) => Needs.Label(code);

    public static string KindLabel(HelpKind kind) => Needs.KindLabel(kind);

    public static NewHelpRequest? Validate(
        string id, string? kind, DateTimeOffset? start, DateTimeOffset? end, IReadOnlyList<string>? needs, string? notes,
        string requestedBy, DateTimeOffset now, FieldErrors errors)
    {
        if (!HelpKinds.TryParse(kind, out var helpKind)) errors.Add("kind", "Kies een maatje (buddy) of vervangende zorg (respite).");
        if (start is null && !errors.Has("start")) errors.Add("start", "Vul het begin in.");
        if (end is null && !errors.Has("end")) errors.Add("end", "Vul het einde in.");
        if (start is { } s && end is { } e)
        {
            if (e <= s) errors.Add("end", "Het einde moet na het begin liggen.");
            else if (e - s > TimeSpan.FromHours(12)) errors.Add("end", "Een hulpvraag duurt hooguit 12 uur.");
            if (s < now) errors.Add("start", "Het begin ligt in het verleden.");
            if (s > now.AddYears(1)) errors.Add("start", "Vraag hulp aan voor hooguit een jaar vooruit.");
        }
        var cleanNeeds = (needs ?? []).Select(n => n?.Trim().ToLowerInvariant() ?? "").Where(n => n.Length > 0).Distinct().ToList();
        if (cleanNeeds.Count > 10) errors.Add("needs", "Geef hooguit 10 aandachtspunten op.");
        if (cleanNeeds.Any(n => n.Length > 40 || !n.All(c => char.IsAsciiLetterLower(c) || c == '-')))
        {
            errors.Add("needs", "Een aandachtspunt bestaat uit kleine letters (bijvoorbeeld dementia).");
        }
        if (notes is { Length: > 1000 }) errors.Add("notes", "De toelichting is te lang (hooguit 1000 tekens).");
        return errors.Any
            ? null
            : new NewHelpRequest(
                id, helpKind, start!.Value, end!.Value, cleanNeeds, string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(), requestedBy);
    }

    public const int MaxWeeks = 52;

    /// <summary>The weekly occurrences of a recurring request, at the same local wall-clock time each week.</summary>
    public static IReadOnlyList<NewHelpRequest> Weekly(NewHelpRequest first, int weeks)
    {
        var start = ToAmsterdam(first.Start);
        var end = ToAmsterdam(first.End);
        return Enumerable.Range(0, weeks).Select(week => first with
        {
            Id = $"{first.Id}-w{week + 1}",
            SeriesId = first.Id,
            Start = AtLocal(start.DateTime.AddDays(7 * week)),
            End = AtLocal(end.DateTime.AddDays(7 * week)),
        }).ToList();
    }

    private static DateTimeOffset AtLocal(DateTime local) => Amsterdam.FromLocal(local);

    /// <summary>Parses an ISO 8601 time that states its offset (2027-03-01T10:00:00+01:00 or ...Z).</summary>
    public static DateTimeOffset? ParseInstant(string? text, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z')
            || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d{2}:?\d{2}$");
        if (hasOffset
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            && text.Contains('T'))
        {
            return value;
        }
        errors.Add(field, "Vul een tijdstip in volgens ISO 8601 met tijdzone, bijvoorbeeld 2027-03-01T10:00:00+01:00.");
        return null;
    }

    /// <summary>
    /// A form's date (yyyy-MM-dd) and times (HH:mm) in Europe/Amsterdam as a start and an end, with a message per field that
    /// is not valid.
    /// </summary>
    public static (DateTimeOffset? Start, DateTimeOffset? End) Window(string? date, string? from, string? to, FieldErrors errors)
    {
        DateOnly? day = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : null;
        if (day is null) errors.Add("date", "Vul een geldige datum in.");
        TimeOnly? start = AvailabilityInput.TryTime(from, out var f) ? f : null;
        if (start is null) errors.Add("from", "Vul een begintijd in als uu:mm.");
        TimeOnly? end = AvailabilityInput.TryTime(to, out var t) ? t : null;
        if (end is null) errors.Add("to", "Vul een eindtijd in als uu:mm.");
        return (Local(day, start), Local(day, end));
    }

    /// <summary>Converts a local date and time in Europe/Amsterdam to an absolute time.</summary>
    public static DateTimeOffset? Local(DateOnly? date, TimeOnly? time)
    {
        if (date is null || time is null) return null;
        return Amsterdam.FromLocal(date.Value.ToDateTime(time.Value));
    }

    public static DateTimeOffset ToAmsterdam(DateTimeOffset time) => Amsterdam.ToLocal(time);

    /// <summary>A request id that is stable for one circle and idempotency key, so a retried submission is recognised.</summary>
    public static string NewId(string circleId, string? idempotencyKey)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey)) return "r-" + Guid.NewGuid().ToString("N");
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(circleId + "\n" + idempotencyKey));
        return "r-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
