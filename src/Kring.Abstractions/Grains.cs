using Orleans.Concurrency;

namespace Kring;

/// <summary>The list of villages and partners. Key: "default".</summary>
[Alias("kring.IDirectoryGrain")]
public interface IDirectoryGrain : IGrainWithStringKey
{
    [Alias("RegisterVillage")] Task RegisterVillage(VillageInfo village);
    [Alias("RegisterPartner")] Task RegisterPartner(PartnerInfo partner);
    [Alias("GetVillages")] [ReadOnly] Task<IReadOnlyList<VillageInfo>> GetVillages();
    [Alias("GetPartners")] [ReadOnly] Task<IReadOnlyList<PartnerInfo>> GetPartners();
    /// <summary>Remembers that the appreciation round of this year has receipts, so an export finds them. Idempotent.</summary>
    [Alias("RegisterAppreciationYear")] Task RegisterAppreciationYear(int year);
    [Alias("GetAppreciationYears")] [ReadOnly] Task<IReadOnlyList<int>> GetAppreciationYears();
}

/// <summary>One village (dorp). Key: village id, such as "elsloo".</summary>
[Alias("kring.IVillageGrain")]
public interface IVillageGrain : IGrainWithStringKey
{
    [Alias("Define")] Task Define(VillageInfo info);
    [Alias("GetInfo")] [ReadOnly] Task<VillageInfo?> GetInfo();
    [Alias("AddCircle")] Task AddCircle(string circleId, int carerAge);
    [Alias("AddVolunteer")] Task AddVolunteer(string volunteerId);
    /// <summary>Records a request's latest state. Idempotent; older updates never overwrite newer ones.</summary>
    [Alias("TrackRequest")] Task TrackRequest(RequestSummary request);
    [Alias("GetOverview")] [ReadOnly] Task<VillageOverview> GetOverview();
    [Alias("GetMembers")] [ReadOnly] Task<VillageMembers> GetMembers();
    /// <summary>Requests that are still open or offered.</summary>
    [Alias("GetUnsettled")] [ReadOnly] Task<IReadOnlyList<RequestSummary>> GetUnsettled();
    /// <summary>Requests that are matched and not yet completed.</summary>
    [Alias("GetMatched")] [ReadOnly] Task<IReadOnlyList<RequestSummary>> GetMatched();
    /// <summary>The last time the circle was heard from: a request, a check-in. Only ever moves forward.</summary>
    [Alias("TrackContact")] Task TrackContact(string circleId, DateTimeOffset at);
    /// <summary>Circles not heard from since <paramref name="since"/> (never heard from counts too), with their last contact.</summary>
    [Alias("GetQuiet")] [ReadOnly] Task<IReadOnlyList<(string CircleId, DateTimeOffset? LastContact)>> GetQuiet(DateTimeOffset since);
    /// <summary>Drops a tracked request that its circle never stored (the submission failed before it was acknowledged).</summary>
    [Alias("Forget")] Task Forget(string requestId);
    /// <summary>
    /// The circle was erased: it no longer counts as a carer, its requests stay as anonymous counts, and its id is kept
    /// among the erased circles until their access log has run out. Idempotent.
    /// </summary>
    [Alias("ForgetCircle")] Task ForgetCircle(string circleId);
    /// <summary>The requests passed their retention: only kind, times and status stay, for the figures. Idempotent.</summary>
    [Alias("AnonymiseRequests")] Task AnonymiseRequests(IReadOnlyList<string> requestIds);
    [Alias("RemoveVolunteer")] Task RemoveVolunteer(string volunteerId);
    [Alias("GetErasedCircles")] [ReadOnly] Task<IReadOnlyList<string>> GetErasedCircles();
    [Alias("DropErasedCircle")] Task DropErasedCircle(string circleId);
}

/// <summary>A carer's circle (kring): the carer, the person cared for, the helpers and the requests. Key: circle id.</summary>
[Alias("kring.ICarerCircleGrain")]
public interface ICarerCircleGrain : IGrainWithStringKey
{
    [Alias("Register")] Task Register(CircleProfile profile);
    [Alias("Get")] [ReadOnly] Task<CircleView?> Get();
    [Alias("SubmitRequest")] Task<HelpRequestView> SubmitRequest(NewHelpRequest request);
    /// <summary>Files the occurrences of a recurring request together, in one write. Idempotent per occurrence id.</summary>
    [Alias("SubmitSeries")] Task<IReadOnlyList<HelpRequestView>> SubmitSeries(IReadOnlyList<NewHelpRequest> occurrences);
    [Alias("GetRequest")] [ReadOnly] Task<HelpRequestView?> GetRequest(string requestId);
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
    [Alias("ConfirmMatch")] Task<MatchConfirmation> ConfirmMatch(string requestId, string volunteerId, string offerId, string? reason = null, HelperIntroduction? helper = null);
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
    [Alias("Complete")] Task<bool> Complete(string requestId, string volunteerId, double hours, bool happened, string? reason, bool assumed);
    /// <summary>Queues the carer's reminder of a booking that starts within a day; returns the booked volunteer. Idempotent.</summary>
    [Alias("RemindCarer")] Task<string?> RemindCarer(string requestId);
    /// <summary>A coordinator takes the volunteer off a matched request, which opens it again. Idempotent.</summary>
    [Alias("Unmatch")] Task<bool> Unmatch(string requestId, string volunteerId, string by, string reason);
    /// <summary>Matching found nobody and put the request in a partner coordinator's queue; the carer hears it. Idempotent.</summary>
    [Alias("Escalated")] Task Escalated(string requestId, string partnerId);
    /// <summary>The start passed while the request was still open: it expires. Idempotent.</summary>
    [Alias("Expire")] Task Expire(string requestId);
    /// <summary>Scores a balance check-in, keeps it in the history and raises or clears the consultant's signal.</summary>
    [Alias("RecordCheckIn")] Task<CheckIn> RecordCheckIn(IReadOnlyDictionary<string, int> answers, string by);
    [Alias("GetCheckIns")] [ReadOnly] Task<IReadOnlyList<CheckIn>> GetCheckIns();
    /// <summary>
    /// Erasure (see <see cref="IErasureGrain"/>): cancels open, offered and future matched requests through the usual
    /// path, blanks the personal data, tells the village and the consultant's signals, and from then on <see cref="Get"/>
    /// returns null. Returns the volunteers whose bookings were cancelled. Idempotent: a repeat redoes the notifications.
    /// </summary>
    [Alias("Erase")] Task<IReadOnlyList<string>> Erase(string by);
    [Alias("IsErased")] [ReadOnly] Task<bool> IsErased();
    /// <summary>Every volunteer who had an offer for one of the circle's requests or was matched to one.</summary>
    [ReadOnly, Alias("OfferedVolunteers")] Task<IReadOnlyList<string>> OfferedVolunteers();
    /// <summary>
    /// Removes requests closed before <paramref name="closedBefore"/> (matched and over, cancelled, expired); the village
    /// keeps them as anonymous counts. Returns how many went.
    /// </summary>
    [Alias("RemoveClosedRequests")] Task<int> RemoveClosedRequests(DateTimeOffset closedBefore);
    /// <summary>Removes balance check-ins made before the given moment; returns how many. Idempotent.</summary>
    [Alias("RemoveCheckIns")] Task<int> RemoveCheckIns(DateTimeOffset madeBefore);
}

/// <summary>A volunteer, and the single authority over their schedule. Key: volunteer id.</summary>
[Alias("kring.IVolunteerGrain")]
public interface IVolunteerGrain : IGrainWithStringKey
{
    [Alias("Register")] Task Register(VolunteerProfile profile);
    [Alias("GetProfile")] [ReadOnly] Task<VolunteerProfile?> GetProfile();
    [Alias("GetAvailability")] [ReadOnly] Task<AvailabilityDto> GetAvailability();
    [Alias("SetAvailability")] Task SetAvailability(AvailabilityDto availability);
    /// <summary>
    /// The volunteer changes the kinds of help they give, their skills and how far they travel. Persisted, and matching is
    /// notified as for <see cref="SetAvailability"/>; booked assignments stay as they are.
    /// </summary>
    [Alias("UpdatePreferences")] Task UpdatePreferences(IReadOnlyList<HelpKind> kinds, IReadOnlyList<string> skills, double maxKm);
    [Alias("GetSnapshot")] [ReadOnly] Task<VolunteerSnapshot?> GetSnapshot();
    /// <summary>Delivers an offer; false when the volunteer can no longer take it. Delivering the same offer twice changes nothing.</summary>
    [Alias("ReceiveOffer")] Task<bool> ReceiveOffer(Offer offer);
    /// <summary>Withdraws a pending offer, as withdrawn or as expired. Idempotent.</summary>
    [Alias("WithdrawOffer")] Task WithdrawOffer(string offerId, OfferStatus reason);
    [Alias("GetOffers")] [ReadOnly] Task<IReadOnlyList<Offer>> GetOffers();
    [Alias("GetAssignments")] [ReadOnly] Task<IReadOnlyList<Assignment>> GetAssignments();
    [Alias("Accept")] Task<OfferReply> Accept(string offerId);
    [Alias("Decline")] Task<OfferReply> Decline(string offerId);
    /// <summary>
    /// The volunteer cannot come after all, before the start: the booking goes, the time is free, and matching does not
    /// offer this request to them again. Unassigned when done (also when repeated), AlreadyStarted after the start.
    /// </summary>
    [Alias("WithdrawAssignment")] Task<OfferReply> WithdrawAssignment(string requestId, string reason);
    /// <summary>After the end: the help took place with these hours (null: as planned), or it did not. Completed, NotEndedYet or NotFound.</summary>
    [Alias("CompleteAssignment")] Task<OfferReply> CompleteAssignment(string requestId, double? hours, bool happened, string? reason);
    /// <summary>Queues the volunteer's reminder of a booking that starts within a day. Idempotent.</summary>
    [Alias("RemindOfBooking")] Task RemindOfBooking(string requestId);
    /// <summary>The volunteer's e-mail address, mobile number and what they want by mail and share once matched.</summary>
    [Alias("SetContact")] Task SetContact(ContactDetails? contact);
    /// <summary>The offer behind an answer link; null when the token does not belong to this volunteer's offer.</summary>
    [Alias("GetOfferByLink")] [ReadOnly] Task<LinkedOffer?> GetOfferByLink(string offerId, string token);
    /// <summary>Answers an offer from its mail link: as <see cref="Accept"/> or <see cref="Decline"/>, or NotFound for a wrong token.</summary>
    [Alias("AnswerByLink")] Task<OfferReply> AnswerByLink(string offerId, string token, bool accept);
    /// <summary>A coordinator books this volunteer by hand; the same checks as an accept apply.</summary>
    [Alias("AssignByCoordinator")] Task<OfferReply> AssignByCoordinator(RequestSummary request, string coordinator, string reason);
    /// <summary>A coordinator takes this volunteer off an assignment. Idempotent.</summary>
    [Alias("UnassignByCoordinator")] Task<OfferReply> UnassignByCoordinator(string requestId, string coordinator, string reason);
    /// <summary>
    /// Erasure: leaves matching, declines pending offers, gives future bookings back to their circles (which open them
    /// again), leaves the village and partner and blanks everything. Idempotent.
    /// </summary>
    [Alias("Erase")] Task Erase(string by);
    [Alias("IsErased")] [ReadOnly] Task<bool> IsErased();
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

/// <summary>A partner organisation. Key: partner id.</summary>
[Alias("kring.IPartnerGrain")]
public interface IPartnerGrain : IGrainWithStringKey
{
    [Alias("Define")] Task Define(PartnerInfo info);
    [Alias("AddVolunteer")] Task AddVolunteer(string volunteerId);
    [Alias("GetInfo")] [ReadOnly] Task<PartnerInfo?> GetInfo();
    [Alias("GetVolunteers")] [ReadOnly] Task<IReadOnlyList<string>> GetVolunteers();
    /// <summary>Puts a request in the coordinator's queue. Idempotent.</summary>
    [Alias("Escalate")] Task Escalate(EscalatedRequest request);
    /// <summary>Takes a request out of the queue once it is matched or closed. Idempotent.</summary>
    [Alias("Resolve")] Task Resolve(string requestId);
    [Alias("GetQueue")] [ReadOnly] Task<IReadOnlyList<EscalatedRequest>> GetQueue();
    [Alias("RemoveVolunteer")] Task RemoveVolunteer(string volunteerId);
}

/// <summary>
/// Matches open requests with volunteers for one shard. Key: "{region}/{kind}", for example "stein/buddy".
/// Within a shard, matching crosses village borders freely.
/// Matching calls volunteers, circles and villages and waits for them; they only ever notify matching without
/// waiting, so no chain of calls can come back round to a grain that is waiting. A periodic reconcile against
/// the villages recovers any notification that was lost.
/// </summary>
[Alias("kring.IMatchingGrain")]
public interface IMatchingGrain : IGrainWithStringKey
{
    /// <summary>Takes a request into matching; its first wave goes out in the shard's next pass. Idempotent.</summary>
    [Alias("Submit")] Task Submit(RequestSummary request);
    [Alias("OfferDeclined")] Task OfferDeclined(string requestId, string volunteerId);
    /// <summary>The request reached a final state (matched, cancelled): the next pass withdraws every other offer.</summary>
    [Alias("RequestSettled")] Task RequestSettled(string requestId, string? matchedVolunteerId);
    /// <summary>
    /// The shard's message to itself: one pass over everything submitted, settled or changed since the last, with one write.
    /// It queues behind the notifications already waiting, so under load one pass serves many of them.
    /// </summary>
    [Alias("RunPass")] [OneWay] Task RunPass();
    /// <summary>A volunteer's profile, availability or schedule changed.</summary>
    [Alias("VolunteerChanged")] Task VolunteerChanged(VolunteerSnapshot snapshot);
    /// <summary>The volunteer was erased: out of the index, and their outstanding offers count as declined.</summary>
    [Alias("VolunteerLeft")] Task VolunteerLeft(string volunteerId);
    /// <summary>Re-reads unsettled requests from the villages and re-arms deadlines. Safe to repeat.</summary>
    [Alias("Reconcile")] Task Reconcile();
    [Alias("PendingCount")] [ReadOnly] Task<int> PendingCount();
}

/// <summary>A user account. Key: user name (lower case).</summary>
[Alias("kring.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    [Alias("Set")] Task Set(AccountRecord account);
    /// <summary>Stores the account only if the user name is free; false when it is taken. For new accounts made by staff.</summary>
    [Alias("Create")] Task<bool> Create(AccountRecord account);
    [Alias("Get")] [ReadOnly] Task<AccountRecord?> Get();
    /// <summary>
    /// How long <paramref name="client"/> must still wait before trying this account again; null when it may try now.
    /// The web asks first, so a throttled attempt costs no password hash. Unknown accounts are throttled alike.
    /// </summary>
    [Alias("ThrottledFor")] [ReadOnly] Task<TimeSpan?> ThrottledFor(string client);
    /// <summary>
    /// Counts a sign-in attempt from <paramref name="client"/> (an address, IPv6 per /64) whose password the caller has
    /// checked. Allowed when the account exists, is not blocked, the password was right and the client is not throttled.
    /// Failures slow down that client only, with growing delays; the right password from another client still works.
    /// </summary>
    [Alias("SignInAttempt")] Task<SignInVerdict> SignInAttempt(string client, bool passwordValid);
    /// <summary>Lifts every client's throttle on this account (an operator's decision); false when there is no account.</summary>
    [Alias("LiftThrottles")] Task<bool> LiftThrottles();
    /// <summary>Revokes every cookie and token issued so far by giving the account a new security stamp, which it returns.</summary>
    [Alias("RevokeSessions")] Task<string?> RevokeSessions();
    /// <summary>Sets a new password hash and a new security stamp (so every earlier session ends); returns the stamp.</summary>
    [Alias("ChangePassword")] Task<string?> ChangePassword(string passwordHash);
    /// <summary>
    /// Replaces the password with a one-time activation code (its hash), valid until <paramref name="expiresAt"/>; a new
    /// stamp ends every session. Returns the stamp, or null when there is no account.
    /// </summary>
    [Alias("SetActivation")] Task<string?> SetActivation(string codeHash, DateTimeOffset expiresAt);
    /// <summary>
    /// Replaces the password hash by one of the same password made with more iterations, keeping the security stamp (no
    /// session ends). Only while the stored hash is still <paramref name="currentHash"/>; false otherwise.
    /// </summary>
    [Alias("UpgradePasswordHash")] Task<bool> UpgradePasswordHash(string currentHash, string newHash);
    /// <summary>Removes the account (erasure): every session ends and the user name can sign in no more. Idempotent.</summary>
    [Alias("Remove")] Task Remove();
    /// <summary>
    /// Blocks or unblocks signing in. Blocking also ends every session, so the new security stamp is returned; null when
    /// there is no account. Idempotent.
    /// </summary>
    [Alias("SetBlocked")] Task<string?> SetBlocked(bool blocked);
    /// <summary>The account with whether it is blocked or throttled; null when there is none.</summary>
    [Alias("GetStatus")] [ReadOnly] Task<AccountStatus?> GetStatus();
}

/// <summary>Remembers which seed data set has been loaded, so loading happens once. Key: seed name.</summary>
[Alias("kring.ISeedGrain")]
public interface ISeedGrain : IGrainWithStringKey
{
    [Alias("GetLoadedVersion")] [ReadOnly] Task<string?> GetLoadedVersion();
    [Alias("MarkLoaded")] Task MarkLoaded(string version);
}

public static class MatchingShard
{
    public static string Key(string region, HelpKind kind) => $"{region}/{kind.Code()}";
}

public static class DirectoryKeys
{
    public const string Default = "default";
}

/// <summary>
/// The life of a village's bookings after the match: reminders a day before, and completion with the planned hours when
/// nobody reported within a week. Key: village id. Run every few minutes by the silos (Kring:Bookings:SweepInterval).
/// </summary>
[Alias("kring.IBookingsGrain")]
public interface IBookingsGrain : IGrainWithStringKey
{
    /// <summary>Returns how many reminders went to the outbox and how many bookings were completed as assumed.</summary>
    [Alias("Sweep")] Task<(int Reminded, int Completed)> Sweep();
}

/// <summary>
/// A partner coordinator's daily digest: the requests waiting in the partner's queue, mailed once a day to each of the
/// partner's coordinators with an address. Key: partner id.
/// </summary>
[Alias("kring.ICoordinatorDigestGrain")]
public interface ICoordinatorDigestGrain : IGrainWithStringKey
{
    /// <summary>Queues today's digest (Europe/Amsterdam) when the queue is not empty; a repeat on the same day queues nothing new.</summary>
    [Alias("SendToday")] Task<int> SendToday();
}
