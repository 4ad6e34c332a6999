namespace Kring;

/// <summary>What happened, in the security event log. Stored by number: never renumber.</summary>
[GenerateSerializer, Alias("kring.SecurityEventKind")]
public enum SecurityEventKind
{
    SignInSucceeded = 0,
    SignInFailed = 1,
    /// <summary>An attempt refused unseen because its client is throttled for the account.</summary>
    SignInThrottled = 2,
    /// <summary>The account saw many failed sign-ins within an hour, across clients.</summary>
    ManyFailedSignIns = 3,
    ThrottleLifted = 4,
    AccountCreated = 5,
    AccountBlocked = 6,
    AccountUnblocked = 7,
    PasswordChanged = 8,
    CircleErased = 9,
    VolunteerErased = 10,
    CircleExported = 11,
    VolunteerExported = 12,
    /// <summary>An operator acknowledged a new account with wide rights; <see cref="SecurityEvent.Detail"/> names the event.</summary>
    Acknowledged = 13,
    /// <summary>A failure that started or lengthened a client's throttle.</summary>
    ThrottleStarted = 14,
    /// <summary>A new activation code for an existing account, replacing its password or earlier code.</summary>
    ActivationIssued = 15,
    /// <summary>The user signed in with their activation code and chose their own password.</summary>
    AccountActivated = 16,
    /// <summary>One of a carer's own people left the circle or was taken out of it; the subject is their schedule's id.</summary>
    MemberRemoved = 17,
    /// <summary>A link to set a new password was mailed to the account's own address.</summary>
    PasswordResetMailed = 18,
}

/// <summary>
/// One line of the security event log: what, when (the grain stamps it), who did it, from which client address, and
/// whom or what it was about. <see cref="NeedsAcknowledgement"/> marks a new account with wide rights, which stays
/// open on every operator's page until another operator acknowledges it.
/// </summary>
[GenerateSerializer, Alias("kring.SecurityEvent")]
public sealed record SecurityEvent(
    [property: Id(0)] long Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] SecurityEventKind Kind,
    [property: Id(3)] string? Actor,
    [property: Id(4)] string? Client,
    [property: Id(5)] string? Subject,
    [property: Id(6)] string? Detail = null,
    [property: Id(7)] bool NeedsAcknowledgement = false);

/// <summary>A filter on the security event log; every part is optional. <see cref="User"/> matches actor or subject.</summary>
[GenerateSerializer, Alias("kring.SecurityEventQuery")]
public sealed record SecurityEventQuery(
    [property: Id(0)] SecurityEventKind? Kind = null,
    [property: Id(1)] string? User = null,
    [property: Id(2)] DateTimeOffset? From = null,
    [property: Id(3)] DateTimeOffset? To = null,
    [property: Id(4)] int Limit = 100);
