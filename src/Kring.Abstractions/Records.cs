namespace Kring;

[GenerateSerializer, Alias("kring.Initiative")]
public sealed record Initiative([property: Id(0)] string Name, [property: Id(1)] string Description);

[GenerateSerializer, Alias("kring.VillageInfo")]
public sealed record VillageInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Region,
    [property: Id(3)] double Lat,
    [property: Id(4)] double Lon,
    [property: Id(5)] string ContactName,
    [property: Id(6)] IReadOnlyList<Initiative> Initiatives,
    [property: Id(7)] IReadOnlyList<string> Neighbours);

[GenerateSerializer, Alias("kring.PartnerInfo")]
public sealed record PartnerInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Description,
    [property: Id(3)] IReadOnlyList<PartnerService> Services,
    // Ids 5 and 6 held coordinators and a website that nothing ever set; they stay unused.
    [property: Id(4)] IReadOnlyList<string> Villages);

/// <summary>A recurring weekly slot in Europe/Amsterdam wall-clock time.</summary>
[GenerateSerializer, Alias("kring.WeeklySlotDto")]
public sealed record WeeklySlotDto(
    [property: Id(0)] DayOfWeek Day,
    [property: Id(1)] TimeOnly From,
    [property: Id(2)] TimeOnly To);

[GenerateSerializer, Alias("kring.AvailabilityDto")]
public sealed record AvailabilityDto(
    [property: Id(0)] IReadOnlyList<WeeklySlotDto> Weekly,
    [property: Id(1)] IReadOnlyList<DateOnly> DaysOff,
    [property: Id(2)] bool Paused);

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
    [property: Id(8)] ContactDetails? Contact = null);

[GenerateSerializer, Alias("kring.CircleProfile")]
public sealed record CircleProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string Village,
    [property: Id(2)] string CarerName,
    [property: Id(3)] int CarerAge,
    [property: Id(4)] string CareRecipientName,
    [property: Id(5)] string Relationship,
    [property: Id(6)] IReadOnlyList<string> CareNeeds,
    [property: Id(7)] string? Phone,
    [property: Id(8)] string? Address,
    [property: Id(9)] ContactDetails? Contact = null);

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
    [property: Id(8)] string? SeriesId = null);

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
    [property: Id(14)] HelperIntroduction? Helper = null);

[GenerateSerializer, Alias("kring.CircleView")]
public sealed record CircleView(
    [property: Id(0)] CircleProfile Profile,
    [property: Id(1)] IReadOnlyList<string> Helpers,
    [property: Id(2)] IReadOnlyList<HelpRequestView> Requests);

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
    [property: Id(15)] bool HoursAssumed = false);

/// <summary>An offer to a volunteer. It shows the village, time, kind and needs, never the carer's personal data.</summary>
[GenerateSerializer, Alias("kring.Offer")]
public sealed record Offer(
    [property: Id(0)] string Id,
    [property: Id(1)] string RequestId,
    [property: Id(2)] string CircleId,
    [property: Id(3)] string Village,
    [property: Id(4)] HelpKind Kind,
    [property: Id(5)] DateTimeOffset Start,
    [property: Id(6)] DateTimeOffset End,
    [property: Id(7)] IReadOnlyList<string> Needs,
    [property: Id(8)] OfferStatus Status,
    [property: Id(9)] DateTimeOffset OfferedAt,
    /// <summary>The secret of the offer mail's answer links; it never leaves the volunteer's grain except in that mail.</summary>
    [property: Id(10)] string? AnswerToken = null);

[GenerateSerializer, Alias("kring.Assignment")]
public sealed record Assignment(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string CircleId,
    [property: Id(2)] string Village,
    [property: Id(3)] HelpKind Kind,
    [property: Id(4)] DateTimeOffset Start,
    [property: Id(5)] DateTimeOffset End,
    [property: Id(6)] string OfferId);

/// <summary>What the matching index needs to know about a volunteer.</summary>
[GenerateSerializer, Alias("kring.VolunteerSnapshot")]
public sealed record VolunteerSnapshot(
    [property: Id(0)] VolunteerProfile Profile,
    [property: Id(1)] AvailabilityDto Availability,
    [property: Id(2)] IReadOnlyList<Assignment> Commitments);

[GenerateSerializer, Alias("kring.VillageOverview")]
public sealed record VillageOverview(
    [property: Id(0)] string VillageId,
    [property: Id(1)] string Name,
    [property: Id(2)] int Carers,
    [property: Id(3)] int YoungCarers,
    [property: Id(4)] int Volunteers,
    [property: Id(5)] int Open,
    [property: Id(6)] int Offered,
    [property: Id(7)] int Matched);

[GenerateSerializer, Alias("kring.VillageMembers")]
public sealed record VillageMembers(
    [property: Id(0)] VillageInfo Info,
    [property: Id(1)] IReadOnlyList<string> Circles,
    [property: Id(2)] IReadOnlyList<string> Volunteers,
    [property: Id(3)] IReadOnlyList<RequestSummary> Requests);

[GenerateSerializer, Alias("kring.AccountRecord")]
public sealed record AccountRecord(
    [property: Id(0)] string UserName,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string PasswordHash,
    [property: Id(3)] Role Role,
    [property: Id(4)] string? VillageId,
    [property: Id(5)] string? VolunteerId,
    [property: Id(6)] string? CircleId,
    [property: Id(7)] string? PartnerId,
    // Changes when the password changes or the user signs out everywhere; cookies and tokens carry it.
    [property: Id(8)] string? SecurityStamp = null,
    /// <summary>Where Kring mails staff, such as a coordinator's daily digest of their queue.</summary>
    [property: Id(9)] string? Email = null,
    /// <summary>Set while <see cref="PasswordHash"/> holds a one-time activation code, valid until then; cleared once the user chose a password.</summary>
    [property: Id(10)] DateTimeOffset? ActivationExpiresAt = null);

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

/// <summary>The answer to an accept or decline. Repeating a call gives the same answer and changes nothing.</summary>
[GenerateSerializer, Alias("kring.OfferReply")]
public enum OfferReply
{
    Accepted = 0,
    Declined = 1,
    AlreadyAccepted = 2,
    AlreadyDeclined = 3,
    TakenByOther = 4,
    Withdrawn = 5,
    Expired = 6,
    ScheduleConflict = 7,
    NotFound = 8,
    RequestCancelled = 9,
    /// <summary>A coordinator took the volunteer off the request.</summary>
    Unassigned = 10,
    /// <summary>The booking has begun or is over: it can no longer be given back.</summary>
    AlreadyStarted = 11,
    /// <summary>The booking has not ended yet: it cannot be reported as done.</summary>
    NotEndedYet = 12,
    Completed = 13,
}

/// <summary>A request waiting in a partner coordinator's queue because matching found nobody in time.</summary>
[GenerateSerializer, Alias("kring.EscalatedRequest")]
public sealed record EscalatedRequest(
    [property: Id(0)] RequestSummary Request,
    [property: Id(1)] DateTimeOffset EscalatedAt,
    [property: Id(2)] string Reason);

[GenerateSerializer, Alias("kring.MatchConfirmation")]
public enum MatchConfirmation
{
    Confirmed = 0,
    TakenByOther = 1,
    RequestClosed = 2,
    NotFound = 3,
}
