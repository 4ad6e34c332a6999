using Orleans.Concurrency;

namespace Kring;

/// <summary>A volunteer, and the single authority over their schedule. Key: volunteer id.</summary>
[Alias("kring.IVolunteerGrain")]
public interface IVolunteerGrain : IGrainWithStringKey
{
    [Alias("Register")] Task Register(VolunteerProfile profile);
    [Alias("GetProfile"), ReadOnly] Task<VolunteerProfile?> GetProfile();
    [Alias("GetAvailability"), ReadOnly] Task<AvailabilityDto> GetAvailability();
    [Alias("SetAvailability")] Task SetAvailability(AvailabilityDto availability);
    /// <summary>
    /// The volunteer changes the kinds of help they give, their skills and how far they travel. Persisted, and matching is
    /// notified as for <see cref="SetAvailability"/>; booked assignments stay as they are.
    /// </summary>
    [Alias("UpdatePreferences")] Task UpdatePreferences(IReadOnlyList<HelpKind> kinds, IReadOnlyList<string> skills, double maxKm);
    [Alias("GetSnapshot"), ReadOnly] Task<VolunteerSnapshot?> GetSnapshot();
    /// <summary>
    /// Delivers an offer; false when the volunteer can no longer take it. Delivering the same offer twice changes
    /// nothing.
    /// </summary>
    [Alias("ReceiveOffer")] Task<bool> ReceiveOffer(Offer offer);
    /// <summary>
    /// Withdraws a pending offer, as withdrawn or as expired. Idempotent. False when it came too late: the volunteer has
    /// accepted the offer, or is accepting it.
    /// </summary>
    [Alias("WithdrawOffer")] Task<bool> WithdrawOffer(string offerId, OfferStatus reason);
    [Alias("GetOffers"), ReadOnly] Task<IReadOnlyList<Offer>> GetOffers();
    [Alias("GetAssignments"), ReadOnly] Task<IReadOnlyList<Assignment>> GetAssignments();
    [Alias("Accept")] Task<OfferReply> Accept(string offerId);
    [Alias("Decline")] Task<OfferReply> Decline(string offerId);
    /// <summary>
    /// The volunteer cannot come after all, before the start: the booking goes, the time is free, and matching does not
    /// offer this request to them again. Unassigned when done (also when repeated), AlreadyStarted after the start.
    /// </summary>
    [Alias("WithdrawAssignment")] Task<OfferReply> WithdrawAssignment(string requestId, string reason);
    /// <summary>
    /// After the end: the help took place with these hours (null: as planned), or it did not. Completed, NotEndedYet or
    /// NotFound.
    /// </summary>
    [Alias("CompleteAssignment")] Task<OfferReply> CompleteAssignment(string requestId, double? hours, bool happened, string? reason);
    /// <summary>Queues the volunteer's reminder of a booking that starts within a day. Idempotent.</summary>
    [Alias("RemindOfBooking")] Task RemindOfBooking(string requestId);
    /// <summary>The volunteer's e-mail address, mobile number and what they want by mail and share once matched.</summary>
    [Alias("SetContact")] Task SetContact(ContactDetails? contact);
    /// <summary>The offer behind an answer link; null when the token does not belong to this volunteer's offer.</summary>
    [Alias("GetOfferByLink"), ReadOnly] Task<LinkedOffer?> GetOfferByLink(string offerId, string token);
    /// <summary>
    /// Answers an offer from its mail link: as <see cref="Accept"/> or <see cref="Decline"/>, or NotFound for a wrong
    /// token.
    /// </summary>
    [Alias("AnswerByLink")] Task<OfferReply> AnswerByLink(string offerId, string token, bool accept);
    /// <summary>A coordinator books this volunteer by hand; the same checks as an accept apply.</summary>
    [Alias("AssignByCoordinator")] Task<OfferReply> AssignByCoordinator(RequestSummary request, string coordinator, string reason);
    /// <summary>
    /// One of the circle's own people takes a request of their circle: the same checks as an accept, first accept wins.
    /// NotFound for a request of another circle, or for a volunteer who is not one of a circle's own people.
    /// </summary>
    [Alias("TakeFromOwnCircle")] Task<OfferReply> TakeFromOwnCircle(RequestSummary request);
    /// <summary>A coordinator takes this volunteer off an assignment. Idempotent.</summary>
    [Alias("UnassignByCoordinator")] Task<OfferReply> UnassignByCoordinator(string requestId, string coordinator, string reason);
    /// <summary>
    /// Erasure: leaves matching, declines pending offers, gives future bookings back to their circles (which open them
    /// again), leaves the village and partner and blanks everything. Idempotent.
    /// </summary>
    [Alias("Erase")] Task Erase(string by);
    [Alias("IsErased"), ReadOnly] Task<bool> IsErased();
    /// <summary>Drops future bookings that their circle no longer holds for this volunteer (an erased circle). Returns how many.</summary>
    [Alias("RecheckAssignments")] Task<int> RecheckAssignments();
    /// <summary>
    /// The circle was erased: drops every offer for it, whatever its state, with the request's needs and times. Bookings
    /// that began stay (the help given); later ones the erasure released before. Idempotent.
    /// </summary>
    [Alias("ForgetCircle")] Task ForgetCircle(string circleId);
    /// <summary>Removes bookings and closed offers that ended before <paramref name="before"/>. Returns how many bookings went.</summary>
    [Alias("RemoveHistory")] Task<int> RemoveHistory(DateTimeOffset before);
}
