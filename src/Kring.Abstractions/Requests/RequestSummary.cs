namespace Kring;

/// <summary>A request as the village and the matching shard track it: no personal data.</summary>
[GenerateSerializer, Alias("kring.RequestSummary")]
public sealed record RequestSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string CircleId,
    [property: Id(2)] string Village,
    [property: Id(3)] HelpKind Kind,
    [property: Id(4)] DateTimeOffset Start,
    [property: Id(5)] DateTimeOffset End,
    [property: Id(6)] IReadOnlyList<string> Needs,
    [property: Id(7)] RequestStatus Status,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] IReadOnlyList<string> PreviousVolunteers,
    [property: Id(10)] int Priority = 0,
    [property: Id(11)] string? SeriesId = null,
    [property: Id(12)] bool Overloaded = false,
    [property: Id(13)] DateTimeOffset? MatchedAt = null,
    /// <summary>Completed: the hours given, as the volunteer reported them or assumed after a week without an answer.</summary>
    [property: Id(14)] double? HoursGiven = null,
    [property: Id(15)] bool HoursAssumed = false,
    /// <summary>Until then the request is for the circle's own people: matching leaves it alone.</summary>
    [property: Id(16)] DateTimeOffset? CircleFirstUntil = null)
{
    /// <summary>Whether the circle's own people still have the request to themselves.</summary>
    public bool HeldForOwnCircle(DateTimeOffset now) => CircleFirstUntil > now;
}
