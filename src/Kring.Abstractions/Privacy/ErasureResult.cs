namespace Kring;

/// <summary>
/// What an erasure did: the accounts it removed and, for a circle, the volunteers whose bookings with it were cancelled.
/// </summary>
[GenerateSerializer, Alias("kring.ErasureResult")]
public sealed record ErasureResult(
    [property: Id(0)] string SubjectId,
    [property: Id(1)] IReadOnlyList<string> RemovedAccounts,
    [property: Id(2)] IReadOnlyList<string> ReleasedVolunteers);
