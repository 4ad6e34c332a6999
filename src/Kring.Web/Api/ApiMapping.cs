namespace Kring.Web.Api;

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

    public static OfferResponse ToDto(this Offer o) =>
        new(o.Id, o.RequestId, o.Kind.Code(), o.Village, o.Start, o.End, o.Needs, o.Status.Code());

    public static HelpRequestResponse ToDto(this HelpRequestView r) =>
        new(r.Id, r.CircleId, r.Village, r.Kind.Code(), r.Start, r.End, r.Needs, r.Notes, r.Status.Code(), r.VolunteerId, r.CreatedAt,
            r.History.Select(h => new HistoryResponse(h.At, h.Status.Code(), h.What)).ToList(),
            r.Helper is { } helper ? new HelperResponse(helper.FirstName, helper.Phone) : null, r.Priority > 0, r.CircleFirstUntil);

    public static CircleResponse ToDto(this CircleView c) =>
        new(c.Profile.Id, c.Profile.Village,
            new PersonResponse(c.Profile.CarerName, c.Profile.CarerAge, c.Profile.Phone, c.Profile.Address),
            new CareRecipientResponse(c.Profile.CareRecipientName, c.Profile.Relationship, c.Profile.CareNeeds),
            c.Helpers, c.Requests.Select(ToDto).ToList());
}
