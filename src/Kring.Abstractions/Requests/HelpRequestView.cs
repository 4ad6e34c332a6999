namespace Kring;

[GenerateSerializer, Alias("kring.RequestEvent")]
public sealed record RequestEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] RequestStatus Status,
    [property: Id(2)] string What);

[GenerateSerializer, Alias("kring.HelpRequestView")]
public sealed record HelpRequestView(
    [property: Id(0)] string Id,
    [property: Id(1)] string CircleId,
    [property: Id(2)] string Village,
    [property: Id(3)] HelpKind Kind,
    [property: Id(4)] DateTimeOffset Start,
    [property: Id(5)] DateTimeOffset End,
    [property: Id(6)] IReadOnlyList<string> Needs,
    [property: Id(7)] string? Notes,
    [property: Id(8)] RequestStatus Status,
    [property: Id(9)] string? VolunteerId,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] IReadOnlyList<RequestEvent> History,
    [property: Id(12)] int Priority = 0,
    [property: Id(13)] string? SeriesId = null,
    /// <summary>Who is coming, once matched: the volunteer's first name and, if they agreed, their phone number.</summary>
    [property: Id(14)] HelperIntroduction? Helper = null,
    /// <summary>Until then the request was for the circle's own people only.</summary>
    [property: Id(15)] DateTimeOffset? CircleFirstUntil = null);
