namespace Kring;

/// <summary>
/// The account grain's answer to a sign-in attempt. <see cref="RetryAfter"/> is set when the attempt was refused
/// because the client is throttled for this account (the password was then not looked at); <see cref="Throttled"/>
/// when this failure started or lengthened a throttle; <see cref="ManyFailures"/> when the account as a whole crossed
/// the alarm threshold with this failure.
/// </summary>
[GenerateSerializer, Alias("kring.SignInVerdict")]
public sealed record SignInVerdict(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] TimeSpan? RetryAfter = null,
    [property: Id(2)] TimeSpan? Throttled = null,
    [property: Id(3)] bool ManyFailures = false);
