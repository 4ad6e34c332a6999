namespace Kring;

[GenerateSerializer, Alias("kring.VolunteerProfile")]
public sealed record VolunteerProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string HomeVillage,
    [property: Id(3)] double MaxKm,
    [property: Id(4)] IReadOnlyList<HelpKind> Kinds,
    [property: Id(5)] IReadOnlyList<string> Skills,
    [property: Id(6)] double MaxHoursPerWeek,
    [property: Id(7)] string? PartnerId,
    [property: Id(8)] ContactDetails? Contact = null,
    /// <summary>
    /// Set for one of a circle's own people: their schedule is kept like a volunteer's, but only that circle asks them, and
    /// matching, the village and the partners never see them.
    /// </summary>
    [property: Id(9)] string? OwnCircleId = null)
{
    /// <summary>
    /// The hours a week this volunteer may be booked; a <see cref="MaxHoursPerWeek"/> of 0 or less sets no limit. A method,
    /// not a property, so that no serializer writes its infinity.
    /// </summary>
    public double WeeklyHoursLimit() => MaxHoursPerWeek > 0 ? MaxHoursPerWeek : double.PositiveInfinity;
}
