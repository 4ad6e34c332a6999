namespace Kring.Web.Api;

public sealed record SessionInput(string? Username, string? Password);
public sealed record SessionResponse(string Token, string TokenType, DateTimeOffset ExpiresAt, UserResponse User,
    bool MustChoosePassword = false);
public sealed record UserResponse(string UserName, string DisplayName, string Role, string? VillageId, string? VolunteerId,
    string? CircleId);

public sealed record VillageResponse(string Id, string Name, string Region, double Lat, double Lon, string ContactName,
    IReadOnlyList<InitiativeResponse> Initiatives);
/// <summary>An initiative in a village; <c>goodExample</c> marks a *pareltje*, an example worth following.</summary>
public sealed record InitiativeResponse(string Name, string Description, bool GoodExample, DateTimeOffset? UpdatedAt);
public sealed record InitiativeInput(string? Name, string? Description, bool? GoodExample);
public sealed record OverviewResponse(string VillageId, string Name, int Carers, int YoungCarers, int Volunteers,
    RequestCountsResponse Requests);
public sealed record RequestCountsResponse(int Open, int Offered, int Matched);

public sealed record WeeklySlotInput(string? Day, string? From, string? To);
public sealed record WeeklyAvailabilityInput(IReadOnlyList<WeeklySlotInput>? Weekly, IReadOnlyList<string>? DaysOff, bool? Paused);
public sealed record WeeklySlotResponse(string Day, string From, string To);
public sealed record AvailabilityResponse(IReadOnlyList<WeeklySlotResponse> Weekly, IReadOnlyList<string> DaysOff, bool Paused);

public sealed record OfferResponse(string Id, string RequestId, string Kind, string Village, DateTimeOffset Start, DateTimeOffset End,
    IReadOnlyList<string> Needs, string Status);
public sealed record OfferResultResponse(string OfferId, string Result);
public sealed record AssignmentResponse(string RequestId, string Kind, string Village, DateTimeOffset Start, DateTimeOffset End);

public sealed record NewRequestInput(string? Kind, string? Start, string? End, IReadOnlyList<string>? Needs, string? Notes,
    RepeatInput? Repeat, bool? Urgent, bool? CircleFirst = null, int? CircleFirstHours = null, string? CarerConsent = null);
/// <summary>Repeats the request every week, for example every Tuesday 14:00–17:00 for 8 weeks.</summary>
public sealed record RepeatInput(int? Weeks);
public sealed record SeriesCreatedResponse(string SeriesId, IReadOnlyList<RequestCreatedResponse> Requests);
/// <summary>A partner on the sociale kaart; no villages: the whole municipality. <c>updatedAt</c>: when staff last changed it.</summary>
public sealed record PartnerResponse(string Id, string Name, string Description, IReadOnlyList<string> Services,
    IReadOnlyList<string> Villages, string? Address = null, string? OpeningHours = null, string? Phone = null, string? Website = null,
    DateTimeOffset? UpdatedAt = null);
public sealed record QueueItemResponse(string RequestId, string CircleId, string Village, string Kind, DateTimeOffset Start,
    DateTimeOffset End, IReadOnlyList<string> Needs, DateTimeOffset EscalatedAt, string Reason);
/// <summary>
/// A volunteer just signed up, with the account's one-time activation code (null when a retry finds the account already
/// activated).
/// </summary>
public sealed record NewVolunteerResponse(string Id, string UserName, string DisplayName, string HomeVillage, IReadOnlyList<string> Kinds,
    IReadOnlyList<string> Skills, double MaxKm, double MaxHoursPerWeek, string? ActivationCode, DateTimeOffset? ActivationExpiresAt);
public sealed record PartnerVolunteerResponse(string Id, string DisplayName, string HomeVillage, IReadOnlyList<string> Kinds,
    IReadOnlyList<string> Skills);
public sealed record AssignInput(string? VolunteerId, string? Reason);
public sealed record UnassignInput(string? Reason);
public sealed record RequestCreatedResponse(string Id, string Status);
public sealed record HelpRequestResponse(
    string Id, string CircleId, string Village, string Kind, DateTimeOffset Start, DateTimeOffset End,
    IReadOnlyList<string> Needs, string? Notes, string Status, string? VolunteerId, DateTimeOffset CreatedAt,
    IReadOnlyList<HistoryResponse> History, HelperResponse? Helper = null, bool Urgent = false, DateTimeOffset? CircleFirstUntil = null);
/// <summary>Who is coming to a matched request: the volunteer's first name, and their phone number if they agreed.</summary>
public sealed record HelperResponse(string FirstName, string? Phone);
public sealed record WithdrawInput(string? Reason);
public sealed record CompleteInput(double? Hours, bool? Happened, string? Reason);
public sealed record HistoryResponse(DateTimeOffset At, string Status, string What);
public sealed record CircleResponse(
    string Id, string Village, PersonResponse Carer, CareRecipientResponse CareRecipient, IReadOnlyList<string> Helpers,
    IReadOnlyList<HelpRequestResponse> Requests);
public sealed record PersonResponse(string Name, int Age, string? Phone, string? Address);
public sealed record CareRecipientResponse(string Name, string Relationship, IReadOnlyList<string> Needs);

/// <summary>A question of the balance check-in or the network rating, answered with a whole number from min to max.</summary>
public sealed record QuestionResponse(string Id, string Text, int Min, int Max);
