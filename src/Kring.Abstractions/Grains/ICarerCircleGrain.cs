using Orleans.Concurrency;

namespace Kring;

/// <summary>A carer's circle (kring): the carer, the person cared for, the helpers and the requests. Key: circle id.</summary>
[Alias("kring.ICarerCircleGrain")]
public interface ICarerCircleGrain : IGrainWithStringKey
{
    [Alias("Register")] Task Register(CircleProfile profile);
    [Alias("Get"), ReadOnly] Task<CircleView?> Get();
    [Alias("SubmitRequest")] Task<HelpRequestView> SubmitRequest(NewHelpRequest request);
    /// <summary>Files the occurrences of a recurring request together, in one write. Idempotent per occurrence id.</summary>
    [Alias("SubmitSeries")] Task<IReadOnlyList<HelpRequestView>> SubmitSeries(IReadOnlyList<NewHelpRequest> occurrences);
    [Alias("GetRequest"), ReadOnly] Task<HelpRequestView?> GetRequest(string requestId);
    /// <summary>
    /// The village's view of this circle, for the village to rebuild after a crash; empty once erased. Interleaves, as a
    /// village asks while this circle may be waiting on that village.
    /// </summary>
    [Alias("GetTrace"), AlwaysInterleave] Task<CircleTrace> GetTrace();
    [Alias("CancelRequest")] Task<HelpRequestView?> CancelRequest(string requestId, string by);
    /// <summary>Called by matching when an offer went out or all offers lapsed. Idempotent.</summary>
    [Alias("MarkOffered")] Task MarkOffered(string requestId, bool offered);
    /// <summary>
    /// Called by matching when a wave of offers went out: the request is offered, and the circle remembers who has a copy
    /// of it, so an erasure can take it back. Once the circle is erased, they are told to drop it at once. Idempotent.
    /// </summary>
    [Alias("Offered")] Task Offered(string requestId, IReadOnlyList<string> volunteerIds);
    /// <summary>
    /// First accept wins. A repeated confirm by the same volunteer answers Confirmed again. A coordinator's reason goes into
    /// the history. The carer's mail that help is coming is queued before the answer, introducing <paramref name="helper"/>.
    /// </summary>
    [Alias("ConfirmMatch")]
    Task<MatchConfirmation> ConfirmMatch(
        string requestId, string volunteerId, string offerId, string? reason = null, HelperIntroduction? helper = null);
    /// <summary>The carer's e-mail address, mobile number and what they share with their volunteer.</summary>
    [Alias("SetContact")] Task SetContact(ContactDetails? contact);
    /// <summary>
    /// The matched volunteer cannot come after all: the request opens again, ahead of the others, and the carer is told.
    /// Idempotent.
    /// </summary>
    [Alias("VolunteerWithdrew")] Task<bool> VolunteerWithdrew(string requestId, string volunteerId, string reason);
    /// <summary>
    /// The help took place (with the hours given) or did not. <paramref name="assumed"/>: nobody reported within a week,
    /// so the planned hours count. Idempotent: the first report stands.
    /// </summary>
    [Alias("Complete")]
    Task<bool> Complete(
        string requestId, string volunteerId, double hours, bool happened, string? reason, bool assumed);
    /// <summary>Queues the carer's reminder of a booking that starts within a day; returns the booked volunteer. Idempotent.</summary>
    [Alias("RemindCarer")] Task<string?> RemindCarer(string requestId);
    /// <summary>A coordinator takes the volunteer off a matched request, which opens it again. Idempotent.</summary>
    [Alias("Unmatch")] Task<bool> Unmatch(string requestId, string volunteerId, string by, string reason);
    /// <summary>Matching found nobody and put the request in a partner coordinator's queue; the carer hears it. Idempotent.</summary>
    [Alias("Escalated")] Task Escalated(string requestId, string partnerId);
    /// <summary>The start passed while the request was still open: it expires. Idempotent.</summary>
    [Alias("Expire")] Task Expire(string requestId);
    /// <summary>Scores a balance check-in, keeps it in the history and raises or clears the consultant's signal.</summary>
    /// <summary>
    /// Adds a past that closed before now: requests and check-ins, as the demo makes them up. Idempotent: requests by id;
    /// check-ins only for a circle that has none. Refuses anything that has not ended yet.
    /// </summary>
    [Alias("RecordPast")] Task RecordPast(IReadOnlyList<PastRequest> requests, IReadOnlyList<CheckIn> checkIns);
    [Alias("RecordCheckIn")] Task<CheckIn> RecordCheckIn(IReadOnlyDictionary<string, int> answers, string by);
    [Alias("GetCheckIns"), ReadOnly] Task<IReadOnlyList<CheckIn>> GetCheckIns();
    /// <summary>
    /// Erasure (see <see cref="IErasureGrain"/>): cancels open, offered and future matched requests through the usual
    /// path, blanks the personal data, tells the village and the consultant's signals, and from then on <see cref="Get"/>
    /// returns null. Returns the volunteers whose bookings were cancelled. Idempotent: a repeat redoes the notifications.
    /// </summary>
    [Alias("Erase")] Task<IReadOnlyList<string>> Erase(string by);
    [Alias("IsErased"), ReadOnly] Task<bool> IsErased();
    /// <summary>Every volunteer who had an offer for one of the circle's requests or was matched to one.</summary>
    [ReadOnly, Alias("OfferedVolunteers")] Task<IReadOnlyList<string>> OfferedVolunteers();
    /// <summary>
    /// Removes requests closed before <paramref name="closedBefore"/> (matched and over, cancelled, expired); the village
    /// keeps them as anonymous counts. Returns how many went.
    /// </summary>
    [Alias("RemoveClosedRequests")] Task<int> RemoveClosedRequests(DateTimeOffset closedBefore);
    /// <summary>
    /// Adds one of the carer's own people and mails them the invitation with their one-time code (none without a code: the
    /// account has its password already). Idempotent per e-mail address: the member already there is returned, and no
    /// second mail goes.
    /// </summary>
    [Alias("AddMember")] Task<CircleMember> AddMember(CircleMember member, string? activationCode, DateTimeOffset? codeExpires);
    /// <summary>A member says when they can usually help, in their own words; null or empty clears it.</summary>
    [Alias("SetUsualTimes")] Task<bool> SetUsualTimes(string memberId, string? usualTimes);
    /// <summary>The carer says what a member sees of the circle; false when no such member.</summary>
    [Alias("SetMemberSight")] Task<bool> SetMemberSight(string memberId, MemberSight sight);
    /// <summary>
    /// Takes a member out of the circle, after <see cref="IErasureGrain.EraseMember"/> gave their bookings back; false when
    /// they were not in it. Idempotent.
    /// </summary>
    [Alias("RemoveMember")] Task<bool> RemoveMember(string memberId);
    /// <summary>Removes balance check-ins made before the given moment; returns how many. Idempotent.</summary>
    [Alias("RemoveCheckIns")] Task<int> RemoveCheckIns(DateTimeOffset madeBefore);
    /// <summary>
    /// Logs a contact with the carer (a call, a visit, a meeting) or a referral to the consultant. Idempotent per id. The
    /// village counts it as the circle's last contact; a referral raises the consultant's signal, with its source.
    /// </summary>
    [Alias("LogContact")] Task<CircleContact> LogContact(CircleContact contact);
    /// <summary>Links a professional to the circle, without access until the carer consents. Idempotent per user name.</summary>
    [Alias("LinkProfessional")] Task<ProfessionalLink> LinkProfessional(ProfessionalLink link);
    /// <summary>The carer consents to a linked professional; false when no such link. Idempotent.</summary>
    [Alias("ConsentProfessional")] Task<bool> ConsentProfessional(string userName, DateTimeOffset at);
    /// <summary>Ends a professional's link, consented or not; false when there was none.</summary>
    [Alias("UnlinkProfessional")] Task<bool> UnlinkProfessional(string userName);
    /// <summary>The carer says whether the village's key figures may see them; false for a circle not registered.</summary>
    [Alias("SetVisibleToKeyFigures")] Task<bool> SetVisibleToKeyFigures(bool visible);
    /// <summary>The logged contacts, newest first; none once erased.</summary>
    [Alias("GetContacts"), ReadOnly] Task<IReadOnlyList<CircleContact>> GetContacts();
}
