using Kring.Benchmarks.Instances;
using Kring.Grains;
using Kring.Matching;

namespace Kring.Benchmarks.Live;

public sealed record LiveVolunteer(string Id, VolunteerProfile Profile, AvailabilityDto Availability);

public sealed record LiveRequest(string CircleId, NewHelpRequest Request);

/// <summary>
/// An instance as the grains can hold it. The grains know weekly availability only, so the instance must lie within
/// one week of Amsterdam wall-clock time, where a weekly slot covers exactly the absolute slot it came from. Every time
/// moves by the same whole number of weeks, through local time, so that the requests lie ahead (grains refuse a start
/// in the past) while weekday, clock time and ISO week stay what they were. The product has two kinds of help, buddy and
/// respite; the instance's other kinds go in as buddy requests that need the skill "kind:CODE", which exactly the
/// volunteers who give that kind have (buddy requests need "kind:buddy"), so eligibility is the instance's.
/// </summary>
public sealed class LiveInstance
{
    public const string Region = "live";
    public const string KindSkill = "kind:";
    private static readonly TimeZoneInfo Zone = Availability.Amsterdam;
    private static readonly TimeSpan Lead = TimeSpan.FromDays(1);
    private const double NeighbourKm = 5;

    private LiveInstance(InstanceFile source, int weeks)
    {
        Source = source;
        Weeks = weeks;
    }

    public InstanceFile Source { get; }
    /// <summary>How many weeks every time moved forward.</summary>
    public int Weeks { get; }
    public IReadOnlyList<VillageInfo> Villages { get; private init; } = [];
    public IReadOnlyList<LiveVolunteer> Volunteers { get; private init; } = [];
    /// <summary>Circle id and village.</summary>
    public IReadOnlyList<(string Id, string Village)> Circles { get; private init; } = [];
    public IReadOnlyList<LiveRequest> Requests { get; private init; } = [];

    public static LiveInstance From(InstanceFile source, DateTimeOffset now)
    {
        var times = source.Requests.SelectMany(r => new[] { r.Start, r.End })
            .Concat(source.Volunteers.SelectMany(v => v.Slots ?? []).SelectMany(s => new[] { s.Start, s.End })).ToList();
        if (source.Requests.Count == 0) throw new InvalidDataException("The instance has no requests.");
        var span = Local(times.Max()) - Local(times.Min());
        if (span > TimeSpan.FromDays(7))
        {
            throw new InvalidDataException($"live needs an instance within one week (the grains keep weekly availability); this one " +
                $"spans {span.TotalDays:F1} days of Amsterdam time.");
        }
        var first = source.Requests.Min(r => r.Start);
        var weeks = 0;
        while (Shift(first, weeks) < now + Lead) weeks++;

        var circleOf = CircleIds(source);
        return new LiveInstance(source, weeks)
        {
            Villages = source.Villages.Select(v => new VillageInfo(v.Id, v.Id, Region, v.Lat, v.Lon, "", [],
                source.Villages.Where(o => o.Id != v.Id && new GeoPoint(v.Lat, v.Lon).DistanceKm(new GeoPoint(o.Lat, o.Lon)) <= NeighbourKm)
                    .Select(o => o.Id).ToList())).ToList(),
            Volunteers = source.Volunteers.Select(v => ToVolunteer(v, weeks)).ToList(),
            Circles = source.Requests.Select(r => (circleOf[r.Id], r.Village)).Distinct().ToList(),
            Requests = source.Requests.Select(r => ToRequest(r, circleOf[r.Id], weeks)).ToList(),
        };
    }

    /// <summary>
    /// The same Amsterdam weekday and clock time <paramref name="weeks"/> weeks later (earlier when negative). Fails for
    /// a time that the move would not bring back exactly (a clock time skipped or doubled by a DST change).
    /// </summary>
    public static DateTimeOffset Shift(DateTimeOffset time, int weeks)
    {
        if (weeks == 0) return time;
        var shifted = Move(time, weeks);
        if (Move(shifted, -weeks) != time)
        {
            throw new InvalidDataException($"{time:O} has no unique Amsterdam clock time {weeks} weeks later (a DST change).");
        }
        return shifted;
    }

    private static DateTimeOffset Move(DateTimeOffset time, int weeks)
    {
        var local = Local(time).AddDays(7 * weeks);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    private static DateTime Local(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Zone).DateTime;

    /// <summary>A circle lives in one village; an instance circle whose requests name several becomes one circle per village.</summary>
    private static Dictionary<string, string> CircleIds(InstanceFile source)
    {
        var split = source.Requests.GroupBy(r => r.Circle ?? r.Id).Where(g => g.Select(r => r.Village).Distinct().Count() > 1)
            .Select(g => g.Key).ToHashSet();
        return source.Requests.ToDictionary(r => r.Id, r =>
        {
            var circle = r.Circle ?? r.Id;
            return split.Contains(circle) ? $"{circle}@{r.Village}" : circle;
        });
    }

    private static LiveVolunteer ToVolunteer(VolunteerDto v, int weeks)
    {
        var kinds = v.Kinds.Select(KindOf).Distinct().Order().ToList();
        var skills = (v.Skills ?? []).Concat(v.Kinds.Select(NeedOf).OfType<string>()).Distinct().Order(StringComparer.Ordinal).ToList();
        var weekly = (v.Slots ?? []).SelectMany(s => Weekly(Shift(s.Start, weeks), Shift(s.End, weeks))).Distinct().ToList();
        if (weekly.Count > VolunteerGrain.MaxWeeklySlots)
        {
            throw new InvalidDataException($"Volunteer {v.Id} has {weekly.Count} weekly slots; the grain keeps at most " +
                $"{VolunteerGrain.MaxWeeklySlots}.");
        }
        var profile = new VolunteerProfile(v.Id, $"Vrijwilliger {v.Id}", v.Village, v.MaxKm, kinds, skills, v.MaxHoursPerWeek ?? 0, null);
        return new LiveVolunteer(v.Id, profile, new AvailabilityDto(weekly, [], false));
    }

    private static LiveRequest ToRequest(RequestDto r, string circleId, int weeks)
    {
        var start = Shift(r.Start, weeks);
        var end = Shift(r.End, weeks);
        var localEnd = Local(end);
        if (Local(start).Date != localEnd.Date && !(localEnd.TimeOfDay == TimeSpan.Zero && localEnd.Date == Local(start).Date.AddDays(1)))
        {
            throw new InvalidDataException($"Request {r.Id} crosses midnight; weekly availability cannot cover it.");
        }
        var needs = (r.Needs ?? []).Append(NeedOf(r.Kind)).OfType<string>().Distinct().ToList();
        return new LiveRequest(circleId, new NewHelpRequest(r.Id, KindOf(r.Kind), start, end, needs, null, "live", r.Priority ?? 0));
    }

    private static HelpKind KindOf(string code) => code == "respite" ? HelpKind.Respite : HelpKind.Buddy;

    private static string? NeedOf(string code) => code == "respite" ? null : KindSkill + code;

    /// <summary>An absolute slot as weekly slots, one per Amsterdam day it touches; one that ends at midnight runs to MaxValue.</summary>
    private static IEnumerable<WeeklySlotDto> Weekly(DateTimeOffset start, DateTimeOffset end)
    {
        var from = Local(start);
        var to = Local(end);
        for (var day = from.Date; day < to; day = day.AddDays(1))
        {
            var begin = day == from.Date ? TimeOnly.FromTimeSpan(from.TimeOfDay) : TimeOnly.MinValue;
            var finish = to < day.AddDays(1) ? TimeOnly.FromTimeSpan(to.TimeOfDay) : TimeOnly.MaxValue;
            if (finish > begin) yield return new WeeklySlotDto(day.DayOfWeek, begin, finish);
        }
    }
}
