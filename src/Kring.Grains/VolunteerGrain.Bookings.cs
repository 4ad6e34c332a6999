using Kring.Grains.Mail;
using Kring.Matching;

namespace Kring.Grains;

/// <summary>The volunteer's schedule: holds confirmed with the circle, bookings given back, completed or reminded of.</summary>
public sealed partial class VolunteerGrain
{
    public async Task<OfferReply> WithdrawAssignment(string requestId, string reason)
    {
        var assignment = state.State.Assignments.FirstOrDefault(a => a.RequestId == requestId);
        if (assignment is null) return state.State.WithdrewFrom.Contains(requestId) ? OfferReply.Unassigned : OfferReply.NotFound;
        if (assignment.Start <= clock.GetUtcNow()) return OfferReply.AlreadyStarted;
        // The circle lets go first: should this grain stop in between, the time stays blocked, which is the safe side,
        // and a repeat finishes the job.
        await GrainFactory.GetGrain<ICarerCircleGrain>(assignment.CircleId)
            .VolunteerWithdrew(requestId, this.GetPrimaryKeyString(), reason);
        state.State.WithdrewFrom.Add(requestId);
        await Release([assignment]);
        return OfferReply.Unassigned;
    }

    public async Task<OfferReply> CompleteAssignment(string requestId, double? hours, bool happened, string? reason)
    {
        var assignment = state.State.Assignments.FirstOrDefault(a => a.RequestId == requestId);
        if (assignment is null) return OfferReply.NotFound;
        if (assignment.End > clock.GetUtcNow()) return OfferReply.NotEndedYet;
        var given = hours ?? (assignment.End - assignment.Start).TotalHours;
        var done = await GrainFactory.GetGrain<ICarerCircleGrain>(assignment.CircleId)
            .Complete(requestId, this.GetPrimaryKeyString(), given, happened, reason, assumed: false);
        return done ? OfferReply.Completed : OfferReply.NotFound;
    }

    public async Task RemindOfBooking(string requestId)
    {
        var assignment = state.State.Assignments.FirstOrDefault(a => a.RequestId == requestId);
        var now = clock.GetUtcNow();
        if (assignment is null || assignment.Start <= now || assignment.Start - now > MailTexts.ReminderLead) return;
        if (state.State.Profile is not { Contact: { Email: { Length: > 0 } email, Reminders: true } contact }) return;
        var mail = MailTexts.Reminder($"reminder/{requestId}/{this.GetPrimaryKeyString()}", assignment.Kind, assignment.Start,
            assignment.End,
            await VillageName(assignment.Village), email, contact, OwnPage, now, null);
        await GrainFactory.GetGrain<IMailOutboxGrain>(MailOutboxes.For(email)).Queue(mail);
    }

    private async Task QueueCancelledMail(Assignment assignment)
    {
        if (state.State.Profile is not { Contact: { Email: { Length: > 0 } email } contact }) return;
        var mail = MailTexts.Cancelled(assignment.RequestId, this.GetPrimaryKeyString(), assignment.Kind, assignment.Start, assignment.End,
            email, contact, OwnPage, clock.GetUtcNow());
        await GrainFactory.GetGrain<IMailOutboxGrain>(MailOutboxes.For(email)).Queue(mail);
    }

    /// <summary>Where this person sees their bookings: a volunteer's page, or a member's page of their own circle.</summary>
    private Uri OwnPage => new(links.Base, state.State.Profile?.OwnCircleId is null ? "/Vrijwilliger" : "/MijnKring");

    public Task<IReadOnlyList<Assignment>> GetAssignments() =>
        Task.FromResult<IReadOnlyList<Assignment>>(state.State.Assignments.OrderBy(a => a.Start).ToList());

    public Task<OfferReply> AssignByCoordinator(RequestSummary request, string coordinator, string reason) =>
        state.State.Profile is null ? Task.FromResult(OfferReply.NotFound) : Book(request, $"{reason} ({coordinator})");

    public Task<OfferReply> TakeFromOwnCircle(RequestSummary request) =>
        state.State.Profile?.OwnCircleId is { } circle && circle == request.CircleId && state.State.ErasedAt is null
            ? Book(request, null)
            : Task.FromResult(OfferReply.NotFound);

    /// <summary>Books a request without an offer from matching: held first, then confirmed with the circle, as an accept is.</summary>
    private async Task<OfferReply> Book(RequestSummary request, string? reason)
    {
        var offerId = $"{request.Id}~{this.GetPrimaryKeyString()}";
        if (state.State.Assignments.Any(a => a.RequestId == request.Id)) return OfferReply.AlreadyAccepted;
        if (Overbooks(request.Start, request.End)) return OfferReply.ScheduleConflict;
        var offer = new Offer(offerId, request.Id, request.CircleId, request.Village, request.Kind, request.Start, request.End,
            request.Needs,
            OfferStatus.Accepting, clock.GetUtcNow());
        state.State.Offers[offerId] = offer;
        await _writeBehind.WriteNow();
        return await Confirm(offer, reason);
    }

    public async Task<OfferReply> UnassignByCoordinator(string requestId, string coordinator, string reason)
    {
        var assignment = state.State.Assignments.FirstOrDefault(a => a.RequestId == requestId);
        if (assignment is null)
        {
            return state.State.Offers.Values.Any(o => o.RequestId == requestId && o.Status == OfferStatus.Withdrawn)
                ? OfferReply.Unassigned : OfferReply.NotFound;
        }
        // The circle lets go first: should this grain stop in between, the volunteer keeps the time blocked, which is the safe side.
        await GrainFactory.GetGrain<ICarerCircleGrain>(assignment.CircleId)
            .Unmatch(requestId, this.GetPrimaryKeyString(), coordinator, reason);
        await Release([assignment]);
        return OfferReply.Unassigned;
    }

    public async Task<int> RecheckAssignments()
    {
        var me = this.GetPrimaryKeyString();
        var now = clock.GetUtcNow();
        var released = new List<Assignment>();
        foreach (var assignment in state.State.Assignments.Where(a => a.End > now).ToList())
        {
            var request = await GrainFactory.GetGrain<ICarerCircleGrain>(assignment.CircleId).GetRequest(assignment.RequestId);
            if (request is { Status: RequestStatus.Matched } && request.VolunteerId == me) continue;
            if (request?.Status == RequestStatus.Cancelled) await QueueCancelledMail(assignment);
            released.Add(assignment);
        }
        if (released.Count == 0) return 0;
        await Release(released);
        return released.Count;
    }

    /// <summary>Drops bookings: their offers count as withdrawn, the time is free, and matching hears of it.</summary>
    private async Task Release(IReadOnlyList<Assignment> assignments)
    {
        foreach (var assignment in assignments)
        {
            state.State.Assignments.Remove(assignment);
            if (state.State.Offers.TryGetValue(assignment.OfferId, out var offer)) state.State.Offers[offer.Id] =
                offer with { Status = OfferStatus.Withdrawn };
        }
        await _writeBehind.WriteNow();
        NotifyMatching();
    }

    private async Task<OfferReply> Confirm(Offer offer, string? reason = null)
    {
        var circle = GrainFactory.GetGrain<ICarerCircleGrain>(offer.CircleId);
        MatchConfirmation confirmation;
        try
        {
            confirmation = await circle.ConfirmMatch(offer.RequestId, this.GetPrimaryKeyString(), offer.Id, reason, Introduction());
        }
        catch
        {
            // The circle did not answer (its silo died, the database is down) and may or may not have confirmed. The
            // time stays held and the circle is asked again soon, so the accept ends as a booking or a release instead
            // of a hold that waits for this grain's next activation.
            RetryHoldsLater();
            throw;
        }
        OfferReply reply;
        if (confirmation == MatchConfirmation.Confirmed)
        {
            state.State.Offers[offer.Id] = offer with { Status = OfferStatus.Accepted };
            if (state.State.Assignments.All(a => a.RequestId != offer.RequestId))
            {
                state.State.Assignments
                    .Add(new Assignment(offer.RequestId, offer.CircleId, offer.Village, offer.Kind, offer.Start, offer.End, offer.Id));
            }
            reply = OfferReply.Accepted;
        }
        else
        {
            state.State.Offers[offer.Id] = offer with { Status = OfferStatus.Withdrawn };
            reply = confirmation == MatchConfirmation.TakenByOther ? OfferReply.TakenByOther : OfferReply.RequestCancelled;
        }
        // The stored hold and the circle's stored answer are the booking already: should this grain stop before the write,
        // it resolves the hold again at activation and gets the same answer.
        _writeBehind.Schedule();
        NotifyMatching();
        return reply;
    }

    /// <summary>What the carer may know of this volunteer once matched: the first name, and the phone number if they agreed.</summary>
    private HelperIntroduction? Introduction() => state.State.Profile is { } p
        ? new HelperIntroduction(MailTexts.FirstName(p.DisplayName), p.Contact is { SharePhone: true, Mobile: { Length: > 0 } mobile }
            ? mobile : null)
        : null;

    private async Task ResolveHolds(CancellationToken cancellationToken)
    {
        foreach (var offer in state.State.Offers.Values.Where(o => o.Status == OfferStatus.Accepting).ToList())
        {
            try
            {
                await Confirm(offer);
            }
            catch (Exception)
            {
                return; // Confirm has planned the next try.
            }
        }
    }

    private void RetryHoldsLater()
    {
        _holdRetry?.Dispose();
        _holdRetry = this.RegisterGrainTimer(ResolveHolds, HoldRetryDelay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Time already promised: assignments and accepts still waiting for the circle's confirmation.</summary>
    private IEnumerable<TimeWindow> Commitments() =>
        state.State.Assignments.Select(a => new TimeWindow(a.Start, a.End))
            .Concat(state.State.Offers.Values.Where(o => o.Status == OfferStatus.Accepting).Select(o => new TimeWindow(o.Start, o.End)));

    /// <summary>Whether [start, end) overlaps time already promised.</summary>
    private bool Overbooks(DateTimeOffset start, DateTimeOffset end) => Commitments().Any(new TimeWindow(start, end).Overlaps);

    /// <summary>
    /// Whether [start, end) overlaps time already promised or takes the week past the volunteer's own limit. Matching
    /// checks the limit when it offers, but a volunteer may hold several offers of one week and accept them all.
    /// </summary>
    private bool CannotTake(DateTimeOffset start, DateTimeOffset end) =>
        Overbooks(start, end) || Eligibility.ExceedsWeeklyHours(Commitments(), new TimeWindow(start, end),
            state.State.Profile?.WeeklyHoursLimit() ?? double.PositiveInfinity, Availability.Amsterdam);
}
