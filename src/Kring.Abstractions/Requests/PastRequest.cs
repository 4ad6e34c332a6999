namespace Kring;

/// <summary>
/// A request that closed before the circle came into Kring: the demo's made-up history. <see cref="Status"/> is
/// <see cref="RequestStatus.Completed"/> (with the volunteer and the hours), <see cref="RequestStatus.Expired"/> or
/// <see cref="RequestStatus.Cancelled"/>; <see cref="MatchedAt"/> is when a completed one was matched.
/// </summary>
[GenerateSerializer, Alias("kring.PastRequest")]
public sealed record PastRequest(
    [property: Id(0)] string Id,
    [property: Id(1)] HelpKind Kind,
    [property: Id(2)] DateTimeOffset Start,
    [property: Id(3)] DateTimeOffset End,
    [property: Id(4)] RequestStatus Status,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset? MatchedAt,
    [property: Id(7)] string? VolunteerId,
    [property: Id(8)] double? HoursGiven);
