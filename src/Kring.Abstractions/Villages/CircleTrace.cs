namespace Kring;

/// <summary>
/// What a village keeps of one circle, as the circle itself holds it: the summaries of its requests and when it was last
/// heard from. A village rebuilds its view from these after a crash, as it writes that view behind.
/// </summary>
[GenerateSerializer, Alias("kring.CircleTrace")]
public sealed record CircleTrace(
    [property: Id(0)] IReadOnlyList<RequestSummary> Requests,
    [property: Id(1)] DateTimeOffset? LastContact);
