namespace Kring;

/// <summary>
/// An account as the operator sees it: blocked by an operator, and until when the longest throttle of a client after
/// failed sign-ins lasts, with how many clients are throttled now.
/// </summary>
[GenerateSerializer, Alias("kring.AccountStatus")]
public sealed record AccountStatus(
    [property: Id(0)] AccountRecord Account,
    [property: Id(1)] bool Blocked,
    [property: Id(2)] DateTimeOffset? ThrottledUntil,
    [property: Id(3)] int ThrottledClients = 0);
