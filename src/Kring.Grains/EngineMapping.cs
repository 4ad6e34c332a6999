using Kring.Matching;

namespace Kring.Grains;

/// <summary>Translates grain records into the matching engine's plain model.</summary>
public static class EngineMapping
{
    public static Availability ToAvailability(AvailabilityDto dto) => new()
    {
        Weekly = dto.Weekly.Select(s => new WeeklySlot(s.Day, s.From, s.To)).ToList(),
        DaysOff = dto.DaysOff.ToHashSet(),
        Paused = dto.Paused,
    };

    public static VolunteerCandidate ToCandidate(VolunteerSnapshot snapshot, GeoPoint home) => new()
    {
        Id = snapshot.Profile.Id,
        HomeVillage = snapshot.Profile.HomeVillage,
        Home = home,
        MaxKm = snapshot.Profile.MaxKm,
        Kinds = snapshot.Profile.Kinds.Select(k => k.Code()).ToHashSet(StringComparer.Ordinal),
        Skills = snapshot.Profile.Skills.ToHashSet(StringComparer.Ordinal),
        Availability = ToAvailability(snapshot.Availability),
        Commitments = snapshot.Commitments.Select(c => new TimeWindow(c.Start, c.End)).ToList(),
        MaxHoursPerWeek = snapshot.Profile.WeeklyHoursLimit(),
    };

    public static HelpNeed ToNeed(RequestSummary request, GeoPoint location) => new()
    {
        Id = request.Id,
        CircleId = request.CircleId,
        Location = location,
        Kind = request.Kind.Code(),
        Needs = request.Needs.ToHashSet(StringComparer.Ordinal),
        Window = new TimeWindow(request.Start, request.End),
        PreviousVolunteers = request.PreviousVolunteers,
        Priority = request.Priority,
        Overloaded = request.Overloaded,
    };
}
