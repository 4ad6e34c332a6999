using System.Text.Json;
using System.Text.Json.Serialization;
using Kring.Matching;
using Kring.Matching.Planning;

// Kring.Assignment (the grain contract) is in scope too, once the silo is referenced; here it is the planner's.
using PlannedAssignment = Kring.Matching.Planning.Assignment;

namespace Kring.Benchmarks.Instances;

/// <summary>
/// The JSON instance format. Times carry their own offset; every ISO week is computed in Europe/Amsterdam
/// (the default <see cref="Availability.Zone"/>), whatever offset the file uses.
/// </summary>
public sealed record InstanceFile(List<VillageDto> Villages, List<VolunteerDto> Volunteers, List<RequestDto> Requests)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static InstanceFile Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<InstanceFile>(stream, Json) ?? throw new InvalidDataException($"{path} is empty.");
    }

    public void Write(string path)
    {
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, this, Json);
    }

    /// <summary>The engine's view. Identical kind and skill sets are shared, which matters at half a million volunteers.</summary>
    public (List<VolunteerCandidate> Volunteers, List<HelpNeed> Needs) ToModel()
    {
        var places = Villages.ToDictionary(v => v.Id, v => new GeoPoint(v.Lat, v.Lon));
        GeoPoint Place(string village, string owner) =>
            places.TryGetValue(village, out var point) ? point
                : throw new InvalidDataException($"{owner} refers to unknown village '{village}'.");
        var sets = new Dictionary<string, IReadOnlySet<string>>();
        IReadOnlySet<string> Set(IEnumerable<string>? codes)
        {
            var sorted = (codes ?? []).Distinct().Order(StringComparer.Ordinal).ToArray();
            var key = string.Join('\n', sorted);
            if (!sets.TryGetValue(key, out var set)) sets[key] = set = new HashSet<string>(sorted);
            return set;
        }

        var volunteers = Volunteers.Select(v => new VolunteerCandidate
        {
            Id = v.Id,
            Home = Place(v.Village, v.Id),
            MaxKm = v.MaxKm,
            Kinds = Set(v.Kinds),
            Skills = Set(v.Skills),
            MaxHoursPerWeek = v.MaxHoursPerWeek ?? double.PositiveInfinity,
            Availability = new Availability { Slots = (v.Slots ?? []).Select(s => new TimeWindow(s.Start, s.End)).ToArray() },
        }).ToList();
        var needs = Requests.Select(r => new HelpNeed
        {
            Id = r.Id,
            CircleId = r.Circle ?? r.Id,
            Location = Place(r.Village, r.Id),
            Kind = r.Kind,
            Needs = Set(r.Needs),
            Window = new TimeWindow(r.Start, r.End),
            Priority = r.Priority ?? 0,
        }).ToList();
        return (volunteers, needs);
    }
}

public sealed record VillageDto(string Id, double Lat, double Lon);

public sealed record VolunteerDto(string Id, string Village, double MaxKm, List<string> Kinds, List<string>? Skills,
    double? MaxHoursPerWeek, List<SlotDto>? Slots);

public sealed record SlotDto(DateTimeOffset Start, DateTimeOffset End);

public sealed record RequestDto(string Id, string? Circle, string Village, string Kind, List<string>? Needs,
    DateTimeOffset Start, DateTimeOffset End, int? Priority);

public sealed record AssignmentFile(List<AssignmentDto> Assignments)
{
    public static AssignmentFile From(IEnumerable<PlannedAssignment> assignments) =>
        new(assignments.Select(a => new AssignmentDto(a.NeedId, a.VolunteerId)).ToList());

    public static AssignmentFile Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<AssignmentFile>(stream, InstanceFile.Json) ?? throw new InvalidDataException($"{path} is empty.");
    }

    public void Write(string path)
    {
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, this, InstanceFile.Json);
    }

    public IEnumerable<PlannedAssignment> ToModel() => Assignments.Select(a => new PlannedAssignment(a.Request, a.Volunteer));
}

public sealed record AssignmentDto(string Request, string Volunteer);
