using System.Security.Cryptography;
using Kring.Grains.Mail;
using Kring.Matching;

namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.Volunteer")]
public sealed class VolunteerState
{
    [Id(0)] public VolunteerProfile? Profile { get; set; }
    [Id(1)] public string Region { get; set; } = "";
    [Id(2)] public AvailabilityDto Availability { get; set; } = new([], [], false);
    [Id(3)] public Dictionary<string, Offer> Offers { get; set; } = new();
    [Id(4)] public List<Assignment> Assignments { get; set; } = [];
    /// <summary>The home region and any region with a village near enough (see MatchingOptions.BorderKm).</summary>
    [Id(5)] public List<string> Regions { get; set; } = [];
    [Id(6)] public DateTimeOffset? ErasedAt { get; set; }
    /// <summary>Requests this volunteer gave back; matching does not offer them to them again.</summary>
    [Id(7)] public HashSet<string> WithdrewFrom { get; set; } = new();
}

/// <summary>
/// The single authority over one volunteer's schedule. An accept first holds the time in persisted state, then asks
/// the circle to confirm; after a crash the hold is resolved again, so a volunteer is never booked twice.
/// </summary>
public sealed class VolunteerGrain(
    [PersistentState("volunteer", KringStorage.Name)] IPersistentState<VolunteerState> state,
    Microsoft.Extensions.Options.IOptions<MatchingOptions> options,
    IPublicAddress links,
    TimeProvider clock) : Grain, IVolunteerGrain
{
    public const int MaxWeeklySlots = 28;
    public const int MaxSkills = 20;
    /// <summary>Matching indexes volunteers up to <see cref="MatchingOptions.BorderKm"/> across a region's border; a larger radius would not be seen.</summary>
    public const double MaxRadiusKm = 25;
    private static readonly TimeSpan KeepClosedOffers = TimeSpan.FromDays(30);
    /// <summary>How soon a held accept asks its circle again after the circle could not be reached.</summary>
    private static readonly TimeSpan HoldRetryDelay = TimeSpan.FromSeconds(5);
    private IGrainTimer? _holdRetry;
    private Task? _notifying;
    private bool _changedSinceNotified;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Offers.Values.Any(o => o.Status == OfferStatus.Accepting))
        {
            this.RegisterGrainTimer(ResolveHolds, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        return Task.CompletedTask;
    }

    public async Task Register(VolunteerProfile profile)
    {
        if (profile.Id != this.GetPrimaryKeyString()) throw new ArgumentException("The volunteer id must equal the grain key.", nameof(profile));
        if (state.State.ErasedAt is not null) throw new ArgumentException("This volunteer was erased; the id is not used again.", nameof(profile));
        var village = GrainFactory.GetGrain<IVillageGrain>(profile.HomeVillage);
        var info = await village.GetInfo() ?? throw new ArgumentException($"Unknown village '{profile.HomeVillage}'.", nameof(profile));
        var home = new GeoPoint(info.Lat, info.Lon);
        var villages = await GrainFactory.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
        state.State.Profile = profile;
        state.State.Region = info.Region;
        state.State.Regions = villages.Where(v => v.Region == info.Region || home.DistanceKm(new GeoPoint(v.Lat, v.Lon)) <= options.Value.BorderKm)
            .Select(v => v.Region).Append(info.Region).Distinct().Order(StringComparer.Ordinal).ToList();
        await state.WriteStateAsync();
        await village.AddVolunteer(profile.Id);
        if (profile.PartnerId is { } partner) await GrainFactory.GetGrain<IPartnerGrain>(partner).AddVolunteer(profile.Id);
        NotifyMatching();
    }

    public Task<VolunteerProfile?> GetProfile() => Task.FromResult(state.State.Profile);

    public Task<AvailabilityDto> GetAvailability() => Task.FromResult(state.State.Availability);

    public async Task SetAvailability(AvailabilityDto availability)
    {
        if (state.State.ErasedAt is not null) throw new KeyNotFoundException($"Volunteer '{this.GetPrimaryKeyString()}' was erased.");
        if (availability.Weekly.Count > MaxWeeklySlots) throw new ArgumentException($"At most {MaxWeeklySlots} weekly slots.", nameof(availability));
        if (availability.Weekly.Any(s => s.To <= s.From)) throw new ArgumentException("Every slot must end after it starts.", nameof(availability));
        state.State.Availability = availability with
        {
            Weekly = availability.Weekly.Distinct().OrderBy(s => s.Day).ThenBy(s => s.From).ToList(),
            DaysOff = availability.DaysOff.Distinct().Order().ToList(),
        };
        await state.WriteStateAsync();
        NotifyMatching();
    }

    public async Task UpdatePreferences(IReadOnlyList<HelpKind> kinds, IReadOnlyList<string> skills, double maxKm)
    {
        var profile = state.State.Profile ?? throw new InvalidOperationException($"Volunteer '{this.GetPrimaryKeyString()}' is not registered.");
        if (kinds.Count == 0) throw new ArgumentException("A volunteer gives at least one kind of help.", nameof(kinds));
        if (kinds.Any(k => !Enum.IsDefined(k))) throw new ArgumentException("Unknown kind of help.", nameof(kinds));
        if (!(maxKm > 0 && maxKm <= MaxRadiusKm)) throw new ArgumentOutOfRangeException(nameof(maxKm), maxKm, $"The travel radius lies between 0 and {MaxRadiusKm} km.");
        var cleanSkills = skills.Select(s => s?.Trim().ToLowerInvariant() ?? "").Where(s => s.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        if (cleanSkills.Count > MaxSkills) throw new ArgumentException($"At most {MaxSkills} skills.", nameof(skills));
        var cleanKinds = kinds.Distinct().Order().ToList();
        if (profile.Kinds.SequenceEqual(cleanKinds) && profile.Skills.SequenceEqual(cleanSkills) && profile.MaxKm == maxKm) return;
        // Only the profile changes: assignments, holds and offers stay, so nobody is double-booked or loses a booking.
        state.State.Profile = profile with { Kinds = cleanKinds, Skills = cleanSkills, MaxKm = maxKm };
        await state.WriteStateAsync();
        NotifyMatching();
    }

    public Task<VolunteerSnapshot?> GetSnapshot() => Task.FromResult(Snapshot());

    public async Task<bool> ReceiveOffer(Offer offer)
    {
        if (state.State.ErasedAt is not null) return false;
        if (state.State.Offers.TryGetValue(offer.Id, out var known))
        {
            // A repeated delivery (the shard retried after a failure) queues the mail again; the outbox keeps one.
            if (known.Status == OfferStatus.Pending) await QueueOfferMail(known);
            return known.Status is OfferStatus.Pending or OfferStatus.Accepting or OfferStatus.Accepted;
        }
        if (state.State.WithdrewFrom.Contains(offer.RequestId) || Overbooks(offer.Start, offer.End)) return false;
        PruneClosedOffers();
        var stored = offer with { Status = OfferStatus.Pending, AnswerToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) };
        state.State.Offers[offer.Id] = stored;
        await state.WriteStateAsync();
        await QueueOfferMail(stored);
        return true;
    }

    public async Task<OfferReply> WithdrawAssignment(string requestId, string reason)
    {
        var assignment = state.State.Assignments.FirstOrDefault(a => a.RequestId == requestId);
        if (assignment is null) return state.State.WithdrewFrom.Contains(requestId) ? OfferReply.Unassigned : OfferReply.NotFound;
        if (assignment.Start <= clock.GetUtcNow()) return OfferReply.AlreadyStarted;
        // The circle lets go first: should this grain stop in between, the time stays blocked, which is the safe side,
        // and a repeat finishes the job.
        await GrainFactory.GetGrain<ICarerCircleGrain>(assignment.CircleId).VolunteerWithdrew(requestId, this.GetPrimaryKeyString(), reason);
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
        var mail = MailTexts.Reminder($"reminder/{requestId}/{this.GetPrimaryKeyString()}", assignment.Kind, assignment.Start, assignment.End,
            await VillageName(assignment.Village), email, contact, new Uri(links.Base, "/Vrijwilliger"), now, null);
        await GrainFactory.GetGrain<IMailOutboxGrain>(MailOutboxes.For(email)).Queue(mail);
    }

    public async Task SetContact(ContactDetails? contact)
    {
        var profile = state.State.Profile ?? throw new InvalidOperationException($"Volunteer '{this.GetPrimaryKeyString()}' is not registered.");
        if (profile.Contact == contact) return;
        state.State.Profile = profile with { Contact = contact };
        await state.WriteStateAsync();
    }

    public async Task<LinkedOffer?> GetOfferByLink(string offerId, string token)
    {
        if (!TryLink(offerId, token, out var offer)) return null;
        return new LinkedOffer(offer with { AnswerToken = null }, await VillageName(offer.Village), offer.OfferedAt + options.Value.OfferTimeout);
    }

    public Task<OfferReply> AnswerByLink(string offerId, string token, bool accept) =>
        !TryLink(offerId, token, out _) ? Task.FromResult(OfferReply.NotFound) : accept ? Accept(offerId) : Decline(offerId);

    private bool TryLink(string offerId, string token, out Offer offer)
    {
        offer = null!;
        if (!state.State.Offers.TryGetValue(offerId, out var known) || known.AnswerToken is not { } expected) return false;
        var ok = CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(token ?? ""));
        if (ok) offer = known;
        return ok;
    }

    /// <summary>Queues the offer's mail before the offer is acknowledged, when the volunteer wants offers by mail.</summary>
    private async Task QueueOfferMail(Offer offer)
    {
        if (state.State.Profile is not { Contact: { Email: { Length: > 0 } email, OffersByMail: true } contact } profile) return;
        var mail = MailTexts.Offer(offer, email, contact, MailTexts.FirstName(profile.DisplayName), await VillageName(offer.Village), links.Base,
            this.GetPrimaryKeyString(), offer.OfferedAt + options.Value.OfferTimeout, clock.GetUtcNow());
        await GrainFactory.GetGrain<IMailOutboxGrain>(MailOutboxes.For(email)).Queue(mail);
    }

    private async Task QueueCancelledMail(Assignment assignment)
    {
        if (state.State.Profile is not { Contact: { Email: { Length: > 0 } email } contact }) return;
        var mail = MailTexts.Cancelled(assignment.RequestId, this.GetPrimaryKeyString(), assignment.Kind, assignment.Start, assignment.End, email, contact,
            links.Base, clock.GetUtcNow());
        await GrainFactory.GetGrain<IMailOutboxGrain>(MailOutboxes.For(email)).Queue(mail);
    }

    private Dictionary<string, string>? _villageNames;

    private async Task<string> VillageName(string villageId)
    {
        _villageNames ??= (await GrainFactory.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages()).ToDictionary(v => v.Id, v => v.Name);
        return _villageNames.GetValueOrDefault(villageId, villageId);
    }

    public async Task WithdrawOffer(string offerId, OfferStatus reason)
    {
        if (!state.State.Offers.TryGetValue(offerId, out var offer) || offer.Status != OfferStatus.Pending) return;
        state.State.Offers[offerId] = offer with { Status = reason == OfferStatus.Expired ? OfferStatus.Expired : OfferStatus.Withdrawn };
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<Offer>> GetOffers() =>
        Task.FromResult<IReadOnlyList<Offer>>(state.State.Offers.Values.OrderBy(o => o.Start).ToList());

    public Task<IReadOnlyList<Assignment>> GetAssignments() =>
        Task.FromResult<IReadOnlyList<Assignment>>(state.State.Assignments.OrderBy(a => a.Start).ToList());

    public async Task<OfferReply> Accept(string offerId)
    {
        if (!state.State.Offers.TryGetValue(offerId, out var offer)) return OfferReply.NotFound;
        switch (offer.Status)
        {
            case OfferStatus.Accepted: return OfferReply.AlreadyAccepted;
            case OfferStatus.Declined: return OfferReply.AlreadyDeclined;
            case OfferStatus.Withdrawn: return OfferReply.Withdrawn;
            case OfferStatus.Expired: return OfferReply.Expired;
            case OfferStatus.Pending:
                if (Overbooks(offer.Start, offer.End))
                {
                    // The volunteer cannot take it any more, so the request must not wait for this offer to lapse.
                    state.State.Offers[offerId] = offer with { Status = OfferStatus.Declined };
                    await state.WriteStateAsync();
                    _ = Shard(offer.Kind).OfferDeclined(offer.RequestId, this.GetPrimaryKeyString());
                    return OfferReply.ScheduleConflict;
                }
                offer = offer with { Status = OfferStatus.Accepting };
                state.State.Offers[offerId] = offer;
                await state.WriteStateAsync();
                break;
        }
        return await Confirm(offer);
    }

    public async Task<OfferReply> Decline(string offerId)
    {
        if (!state.State.Offers.TryGetValue(offerId, out var offer)) return OfferReply.NotFound;
        switch (offer.Status)
        {
            case OfferStatus.Declined: return OfferReply.AlreadyDeclined;
            case OfferStatus.Accepted or OfferStatus.Accepting: return OfferReply.AlreadyAccepted;
            case OfferStatus.Withdrawn: return OfferReply.Withdrawn;
            case OfferStatus.Expired: return OfferReply.Expired;
        }
        state.State.Offers[offerId] = offer with { Status = OfferStatus.Declined };
        await state.WriteStateAsync();
        _ = Shard(offer.Kind).OfferDeclined(offer.RequestId, this.GetPrimaryKeyString());
        return OfferReply.Declined;
    }

    public async Task<OfferReply> AssignByCoordinator(RequestSummary request, string coordinator, string reason)
    {
        if (state.State.Profile is null) return OfferReply.NotFound;
        var offerId = $"{request.Id}~{this.GetPrimaryKeyString()}";
        if (state.State.Assignments.Any(a => a.RequestId == request.Id)) return OfferReply.AlreadyAccepted;
        if (Overbooks(request.Start, request.End)) return OfferReply.ScheduleConflict;
        var offer = new Offer(offerId, request.Id, request.CircleId, request.Village, request.Kind, request.Start, request.End, request.Needs,
            OfferStatus.Accepting, clock.GetUtcNow());
        state.State.Offers[offerId] = offer;
        await state.WriteStateAsync();
        return await Confirm(offer, $"{reason} ({coordinator})");
    }

    public async Task<OfferReply> UnassignByCoordinator(string requestId, string coordinator, string reason)
    {
        var assignment = state.State.Assignments.FirstOrDefault(a => a.RequestId == requestId);
        if (assignment is null)
        {
            return state.State.Offers.Values.Any(o => o.RequestId == requestId && o.Status == OfferStatus.Withdrawn) ? OfferReply.Unassigned : OfferReply.NotFound;
        }
        // The circle lets go first: should this grain stop in between, the volunteer keeps the time blocked, which is the safe side.
        await GrainFactory.GetGrain<ICarerCircleGrain>(assignment.CircleId).Unmatch(requestId, this.GetPrimaryKeyString(), coordinator, reason);
        await Release([assignment]);
        return OfferReply.Unassigned;
    }

    public async Task Erase(string by)
    {
        var s = state.State;
        var me = this.GetPrimaryKeyString();
        if (s.ErasedAt is null)
        {
            if (s.Profile is not { } profile) throw new KeyNotFoundException($"Volunteer '{me}' is not registered.");
            var now = clock.GetUtcNow();
            // Out of the shards' indexes first, so the bookings given back below are not offered to this volunteer again.
            NotifyLeft();
            var pending = s.Offers.Values.Where(o => o.Status == OfferStatus.Pending).ToList();
            foreach (var offer in pending) s.Offers[offer.Id] = offer with { Status = OfferStatus.Declined };
            if (pending.Count > 0) await state.WriteStateAsync();
            foreach (var offer in pending) _ = Shard(offer.Kind).OfferDeclined(offer.RequestId, me);

            // Each circle lets go before this grain forgets the booking, as with a coordinator's unassign.
            var promised = s.Assignments.Select(a => (a.RequestId, a.CircleId, a.Start))
                .Concat(s.Offers.Values.Where(o => o.Status == OfferStatus.Accepting).Select(o => (o.RequestId, o.CircleId, o.Start)));
            foreach (var (requestId, circleId, start) in promised.Where(p => p.Start > now).Distinct().ToList())
            {
                await GrainFactory.GetGrain<ICarerCircleGrain>(circleId).Unmatch(requestId, me, by, "de vrijwilliger heeft Kring verlaten");
            }
            await GrainFactory.GetGrain<IVillageGrain>(profile.HomeVillage).RemoveVolunteer(me);
            if (profile.PartnerId is { } partner) await GrainFactory.GetGrain<IPartnerGrain>(partner).RemoveVolunteer(me);

            s.Profile = null;
            s.Availability = new AvailabilityDto([], [], true);
            s.Offers.Clear();
            s.Assignments.Clear();
            s.ErasedAt = now;
            await state.WriteStateAsync();
        }
        NotifyLeft();
    }

    public Task<bool> IsErased() => Task.FromResult(state.State.ErasedAt is not null);

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

    public async Task ForgetCircle(string circleId)
    {
        var offers = state.State.Offers.Values.Where(o => o.CircleId == circleId).ToList();
        if (offers.Count == 0) return;
        foreach (var offer in offers) state.State.Offers.Remove(offer.Id);
        await state.WriteStateAsync();
        // An accept still waiting for the circle held time, which is free now.
        if (offers.Any(o => o.Status == OfferStatus.Accepting)) NotifyMatching();
    }

    /// <summary>Drops bookings: their offers count as withdrawn, the time is free, and matching hears of it.</summary>
    private async Task Release(IReadOnlyList<Assignment> assignments)
    {
        foreach (var assignment in assignments)
        {
            state.State.Assignments.Remove(assignment);
            if (state.State.Offers.TryGetValue(assignment.OfferId, out var offer)) state.State.Offers[offer.Id] = offer with { Status = OfferStatus.Withdrawn };
        }
        await state.WriteStateAsync();
        NotifyMatching();
    }

    public async Task<int> RemoveHistory(DateTimeOffset before)
    {
        var assignments = state.State.Assignments.RemoveAll(a => a.End < before);
        var offers = state.State.Offers.Values
            .Where(o => o.Status is not (OfferStatus.Pending or OfferStatus.Accepting) && o.End < before)
            .Select(o => o.Id).ToList();
        foreach (var id in offers) state.State.Offers.Remove(id);
        if (assignments + offers.Count > 0) await state.WriteStateAsync();
        return assignments;
    }

    private void NotifyLeft()
    {
        foreach (var shard in Shards()) _ = shard.VolunteerLeft(this.GetPrimaryKeyString());
    }

    /// <summary>Every shard that indexes this volunteer: each kind of help in the home region and the regions near enough.</summary>
    private IEnumerable<IMatchingGrain> Shards() =>
        state.State.Regions.DefaultIfEmpty(state.State.Region)
            .SelectMany(region => Enum.GetValues<HelpKind>().Select(kind => GrainFactory.GetGrain<IMatchingGrain>(MatchingShard.Key(region, kind))));

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
                state.State.Assignments.Add(new Assignment(offer.RequestId, offer.CircleId, offer.Village, offer.Kind, offer.Start, offer.End, offer.Id));
            }
            reply = OfferReply.Accepted;
        }
        else
        {
            state.State.Offers[offer.Id] = offer with { Status = OfferStatus.Withdrawn };
            reply = confirmation == MatchConfirmation.TakenByOther ? OfferReply.TakenByOther : OfferReply.RequestCancelled;
        }
        await state.WriteStateAsync();
        NotifyMatching();
        return reply;
    }

    /// <summary>What the carer may know of this volunteer once matched: the first name, and the phone number if they agreed.</summary>
    private HelperIntroduction? Introduction() => state.State.Profile is { } p
        ? new HelperIntroduction(MailTexts.FirstName(p.DisplayName), p.Contact is { SharePhone: true, Mobile: { Length: > 0 } mobile } ? mobile : null)
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

    private VolunteerSnapshot? Snapshot()
    {
        if (state.State.Profile is not { } profile) return null;
        var holds = state.State.Offers.Values
            .Where(o => o.Status == OfferStatus.Accepting)
            .Select(o => new Assignment(o.RequestId, o.CircleId, o.Village, o.Kind, o.Start, o.End, o.Id));
        return new VolunteerSnapshot(profile, state.State.Availability, state.State.Assignments.Concat(holds).ToList());
    }

    // Volunteers never wait on matching (see IMatchingGrain); the periodic reconcile repairs a lost notification.
    /// <summary>
    /// Tells the shards about a change without waiting for them, latest state wins: while one notification is on its
    /// way, further changes only mark the volunteer changed, and the next notification carries the state as it is then.
    /// A volunteer who saves their week ten times a second costs the shards one message at a time, not ten.
    /// </summary>
    private void NotifyMatching()
    {
        _changedSinceNotified = true;
        if (_notifying is null || _notifying.IsCompleted) _notifying = NotifyWhileChanged();
    }

    private async Task NotifyWhileChanged()
    {
        try
        {
            while (_changedSinceNotified)
            {
                _changedSinceNotified = false;
                if (Snapshot() is not { } snapshot) return;
                await Task.WhenAll(Shards().Select(shard => shard.VolunteerChanged(snapshot)));
            }
        }
        catch (Exception)
        {
            // A shard that missed the change still has the volunteer as it was; it reads every volunteer again when it
            // next activates. Losing this one is safe, as fire-and-forget always was.
        }
    }

    private IMatchingGrain Shard(HelpKind kind) =>
        GrainFactory.GetGrain<IMatchingGrain>(MatchingShard.Key(state.State.Region, kind));

    private void PruneClosedOffers()
    {
        var cutoff = clock.GetUtcNow() - KeepClosedOffers;
        foreach (var stale in state.State.Offers.Values.Where(o => o.Status is OfferStatus.Declined or OfferStatus.Withdrawn or OfferStatus.Expired && o.End < cutoff).ToList())
        {
            state.State.Offers.Remove(stale.Id);
        }
    }
}
