namespace Kring;

/// <summary>A new request for help. <see cref="Id"/> doubles as the idempotency key: resubmitting it changes nothing.</summary>
[GenerateSerializer, Alias("kring.NewHelpRequest")]
public sealed record NewHelpRequest(
    [property: Id(0)] string Id,
    [property: Id(1)] HelpKind Kind,
    [property: Id(2)] DateTimeOffset Start,
    [property: Id(3)] DateTimeOffset End,
    [property: Id(4)] IReadOnlyList<string> Needs,
    [property: Id(5)] string? Notes,
    [property: Id(6)] string RequestedBy,
    [property: Id(7)] int Priority = 0,
    [property: Id(8)] string? SeriesId = null,
    /// <summary>Until then only the circle's own people see the request; then matching offers it to volunteers.</summary>
    [property: Id(9)] DateTimeOffset? CircleFirstUntil = null);
