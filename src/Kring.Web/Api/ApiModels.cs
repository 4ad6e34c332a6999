namespace Kring.Web.Api;

public sealed record SessionRequest(string? Username, string? Password);
public sealed record SessionResponse(string Token, string TokenType, DateTimeOffset ExpiresAt, UserDto User, bool MustChoosePassword = false);
public sealed record UserDto(string UserName, string DisplayName, string Role, string? VillageId, string? VolunteerId, string? CircleId);

public sealed record VillageDto(string Id, string Name, string Region, double Lat, double Lon, string ContactName, IReadOnlyList<Initiative> Initiatives);
public sealed record OverviewDto(string VillageId, string Name, int Carers, int YoungCarers, int Volunteers, RequestCounts Requests);
public sealed record RequestCounts(int Open, int Offered, int Matched);

public sealed record WeeklySlotJson(string? Day, string? From, string? To);
public sealed record AvailabilityJson(IReadOnlyList<WeeklySlotJson>? Weekly, IReadOnlyList<string>? DaysOff, bool? Paused);

public sealed record OfferDto(string Id, string RequestId, string Kind, string Village, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<string> Needs, string Status);
public sealed record OfferResultDto(string OfferId, string Result);
public sealed record AssignmentDto(string RequestId, string Kind, string Village, DateTimeOffset Start, DateTimeOffset End);

public sealed record NewRequestJson(string? Kind, string? Start, string? End, IReadOnlyList<string>? Needs, string? Notes, RepeatJson? Repeat, bool? Urgent);
/// <summary>Repeats the request every week, for example every Tuesday 14:00–17:00 for 8 weeks.</summary>
public sealed record RepeatJson(int? Weeks);
public sealed record SeriesCreatedDto(string SeriesId, IReadOnlyList<RequestCreatedDto> Requests);
public sealed record PartnerDto(string Id, string Name, string Description, IReadOnlyList<string> Services, IReadOnlyList<string> Villages);
public sealed record QueueItemDto(string RequestId, string CircleId, string Village, string Kind, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<string> Needs, DateTimeOffset EscalatedAt, string Reason);
/// <summary>A volunteer just signed up, with the account's one-time activation code (null when a retry finds the account already activated).</summary>
public sealed record NewVolunteerDto(string Id, string UserName, string DisplayName, string HomeVillage, IReadOnlyList<string> Kinds,
    IReadOnlyList<string> Skills, double MaxKm, double MaxHoursPerWeek, string? ActivationCode, DateTimeOffset? ActivationExpiresAt);
public sealed record PartnerVolunteerDto(string Id, string DisplayName, string HomeVillage, IReadOnlyList<string> Kinds, IReadOnlyList<string> Skills);
public sealed record AssignJson(string? VolunteerId, string? Reason);
public sealed record UnassignJson(string? Reason);
public sealed record RequestCreatedDto(string Id, string Status);
public sealed record RequestDto(
    string Id, string CircleId, string Village, string Kind, DateTimeOffset Start, DateTimeOffset End,
    IReadOnlyList<string> Needs, string? Notes, string Status, string? VolunteerId, DateTimeOffset CreatedAt, IReadOnlyList<HistoryDto> History,
    HelperDto? Helper = null, bool Urgent = false);
/// <summary>Who is coming to a matched request: the volunteer's first name, and their phone number if they agreed.</summary>
public sealed record HelperDto(string FirstName, string? Phone);
public sealed record WithdrawJson(string? Reason);
public sealed record CompleteJson(double? Hours, bool? Happened, string? Reason);
public sealed record HistoryDto(DateTimeOffset At, string Status, string What);
public sealed record CircleDto(
    string Id, string Village, PersonDto Carer, CareRecipientDto CareRecipient, IReadOnlyList<string> Helpers, IReadOnlyList<RequestDto> Requests);
public sealed record PersonDto(string Name, int Age, string? Phone, string? Address);
public sealed record CareRecipientDto(string Name, string Relationship, IReadOnlyList<string> Needs);

public static class ApiMapping
{
    public static string Code(this RequestStatus status) => status.ToString().ToLowerInvariant();
    public static string Code(this OfferStatus status) => status.ToString().ToLowerInvariant();

    public static string Code(this OfferReply reply) => reply switch
    {
        OfferReply.AlreadyAccepted => "alreadyAccepted",
        OfferReply.AlreadyDeclined => "alreadyDeclined",
        OfferReply.TakenByOther => "takenByOther",
        OfferReply.ScheduleConflict => "scheduleConflict",
        OfferReply.NotFound => "notFound",
        OfferReply.RequestCancelled => "requestCancelled",
        OfferReply.Unassigned => "unassigned",
        OfferReply.AlreadyStarted => "alreadyStarted",
        OfferReply.NotEndedYet => "notEndedYet",
        _ => reply.ToString().ToLowerInvariant(),
    };

    public static string Code(this PartnerService service) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(service.ToString());

    public static OfferDto ToDto(this Offer o) =>
        new(o.Id, o.RequestId, o.Kind.Code(), o.Village, o.Start, o.End, o.Needs, o.Status.Code());

    public static RequestDto ToDto(this HelpRequestView r) =>
        new(r.Id, r.CircleId, r.Village, r.Kind.Code(), r.Start, r.End, r.Needs, r.Notes, r.Status.Code(), r.VolunteerId, r.CreatedAt,
            r.History.Select(h => new HistoryDto(h.At, h.Status.Code(), h.What)).ToList(),
            r.Helper is { } helper ? new HelperDto(helper.FirstName, helper.Phone) : null, r.Priority > 0);

    public static CircleDto ToDto(this CircleView c) =>
        new(c.Profile.Id, c.Profile.Village,
            new PersonDto(c.Profile.CarerName, c.Profile.CarerAge, c.Profile.Phone, c.Profile.Address),
            new CareRecipientDto(c.Profile.CareRecipientName, c.Profile.Relationship, c.Profile.CareNeeds),
            c.Helpers, c.Requests.Select(ToDto).ToList());
}
