using Kring.Grains.Mail;
using Kring.Matching;
using Microsoft.Extensions.Options;

namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.HelpRequest")]
public sealed class HelpRequestRecord
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public HelpKind Kind { get; set; }
    [Id(2)] public DateTimeOffset Start { get; set; }
    [Id(3)] public DateTimeOffset End { get; set; }
    [Id(4)] public List<string> Needs { get; set; } = [];
    [Id(5)] public string? Notes { get; set; }
    [Id(6)] public string RequestedBy { get; set; } = "";
    [Id(7)] public RequestStatus Status { get; set; }
    [Id(8)] public string? VolunteerId { get; set; }
    [Id(9)] public string? OfferId { get; set; }
    [Id(10)] public DateTimeOffset CreatedAt { get; set; }
    [Id(11)] public List<RequestEvent> History { get; set; } = [];
    [Id(12)] public int Priority { get; set; }
    [Id(13)] public string? SeriesId { get; set; }
    /// <summary>Who is coming, as the matched volunteer introduced themselves.</summary>
    [Id(14)] public HelperIntroduction? Helper { get; set; }
    [Id(15)] public double? HoursGiven { get; set; }
    [Id(16)] public bool HoursAssumed { get; set; }
    /// <summary>The partner whose coordinator took the request over, once matching escalated it.</summary>
    [Id(17)] public string? EscalatedTo { get; set; }
}

[GenerateSerializer, Alias("kring.state.CarerCircle")]
public sealed class CarerCircleState
{
    [Id(0)] public CircleProfile? Profile { get; set; }
    /// <summary>Volunteers who helped this circle, most recent first.</summary>
    [Id(1)] public List<string> Helpers { get; set; } = [];
    [Id(2)] public Dictionary<string, HelpRequestRecord> Requests { get; set; } = new();
    [Id(3)] public string Region { get; set; } = "";
    /// <summary>The carer is flagged as overloaded: their requests go first.</summary>
    [Id(4)] public bool Overloaded { get; set; }
    [Id(5)] public List<CheckIn> CheckIns { get; set; } = [];
    /// <summary>When the circle was erased; its profile then holds only the id and the village.</summary>
    [Id(6)] public DateTimeOffset? ErasedAt { get; set; }
    /// <summary>Requests the erasure cancelled, so a repeated erasure can repeat their notifications.</summary>
    [Id(7)] public List<string> CancelledOnErasure { get; set; } = [];
    /// <summary>Volunteers whose future bookings the erasure cancelled.</summary>
    [Id(8)] public List<string> ReleasedOnErasure { get; set; } = [];
    /// <summary>Volunteers who had an offer for one of the requests, so an erasure can take their copies back.</summary>
    [Id(9)] public HashSet<string> OfferedTo { get; set; } = [];
}

public sealed class CarerCircleGrain(
    [PersistentState("circle", KringStorage.Name)] IPersistentState<CarerCircleState> state,
    IPublicAddress links,
    IOptions<LimitOptions> limits,
    TimeProvider clock) : Grain, ICarerCircleGrain
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(12);

    public const string ErasureNote = "geannuleerd: de kring is gewist";

    private CircleProfile Profile => state.State is { Profile: { } profile, ErasedAt: null }
        ? profile
        : throw new KeyNotFoundException($"Circle '{this.GetPrimaryKeyString()}' is not registered.");

    /// <summary>The circle's village, also once it is erased.</summary>
    private string VillageId => state.State.Profile?.Village ?? throw new KeyNotFoundException($"Circle '{this.GetPrimaryKeyString()}' is not registered.");

    public async Task Register(CircleProfile profile)
    {
        if (profile.Id != this.GetPrimaryKeyString()) throw new ArgumentException("The circle id must equal the grain key.", nameof(profile));
        if (state.State.ErasedAt is not null) throw new ArgumentException("This circle was erased; its id is not used again.", nameof(profile));
        var village = GrainFactory.GetGrain<IVillageGrain>(profile.Village);
        var info = await village.GetInfo() ?? throw new ArgumentException($"Unknown village '{profile.Village}'.", nameof(profile));
        state.State.Profile = profile;
        state.State.Region = info.Region;
        await state.WriteStateAsync();
        await village.AddCircle(profile.Id, profile.CarerAge);
    }

    public Task<CircleView?> Get() => Task.FromResult(state.State is { Profile: { } profile, ErasedAt: null }
        ? new CircleView(profile, state.State.Helpers.ToList(), state.State.Requests.Values.OrderBy(r => r.Start).Select(View).ToList())
        : null);

    public async Task<HelpRequestView> SubmitRequest(NewHelpRequest request) => (await SubmitSeries([request]))[0];

    public async Task<IReadOnlyList<HelpRequestView>> SubmitSeries(IReadOnlyList<NewHelpRequest> occurrences)
    {
        _ = Profile;
        var now = clock.GetUtcNow();
        var fresh = occurrences.Where(o => !state.State.Requests.ContainsKey(o.Id)).DistinctBy(o => o.Id).ToList();
        foreach (var occurrence in fresh) Validate(occurrence, now);
        EnsureRoomFor(fresh.Count, now);

        var records = fresh.Select(request => new HelpRequestRecord
        {
            Id = request.Id,
            Kind = request.Kind,
            Start = request.Start,
            End = request.End,
            Needs = request.Needs.Select(n => n.Trim().ToLowerInvariant()).Where(n => n.Length > 0).Distinct().ToList(),
            Notes = request.Notes,
            RequestedBy = request.RequestedBy,
            Status = RequestStatus.Open,
            CreatedAt = now,
            Priority = request.Priority,
            SeriesId = request.SeriesId,
            History = [new RequestEvent(now, RequestStatus.Open, $"aangevraagd door {request.RequestedBy}")],
        }).ToList();
        if (records.Count > 0)
        {
            // The village records the requests before the circle does, so a crash between the two leaves a trace that
            // reconciliation cleans up, never a stored request that nobody will match.
            foreach (var record in records) await Village.TrackRequest(Summary(record));
            foreach (var record in records) state.State.Requests[record.Id] = record;
            await state.WriteStateAsync();
            foreach (var record in records) NotifyMatching(record);
            await Village.TrackContact(this.GetPrimaryKeyString(), now);
        }
        return occurrences.Select(o => View(state.State.Requests[o.Id])).ToList();
    }

    public Task<HelpRequestView?> GetRequest(string requestId) =>
        Task.FromResult(state.State.Requests.TryGetValue(requestId, out var record) ? View(record) : null);

    public async Task<HelpRequestView?> CancelRequest(string requestId, string by)
    {
        if (!state.State.Requests.TryGetValue(requestId, out var record)) return null;
        if (record.Status is RequestStatus.Open or RequestStatus.Offered)
        {
            await Transition(record, RequestStatus.Cancelled, $"geannuleerd door {by}");
            NotifySettled(record);
        }
        else if (record is { Status: RequestStatus.Matched, VolunteerId: { } volunteerId } && record.Start > clock.GetUtcNow())
        {
            await Transition(record, RequestStatus.Cancelled, $"geannuleerd door {by}; de vrijwilliger hoort het");
            // Not awaited: the volunteer asks this circle about its bookings, which would wait on this very call.
            _ = GrainFactory.GetGrain<IVolunteerGrain>(volunteerId).RecheckAssignments();
        }
        return View(record);
    }

    public async Task MarkOffered(string requestId, bool offered)
    {
        if (!state.State.Requests.TryGetValue(requestId, out var record)) return;
        var target = offered ? RequestStatus.Offered : RequestStatus.Open;
        if (record.Status is not (RequestStatus.Open or RequestStatus.Offered) || record.Status == target) return;
        await Transition(record, target, offered ? "aangeboden aan vrijwilligers" : "nog geen vrijwilliger gevonden");
    }

    public async Task Offered(string requestId, IReadOnlyList<string> volunteerIds)
    {
        if (state.State.ErasedAt is not null)
        {
            // The wave crossed the erasure.
            foreach (var volunteer in volunteerIds) await GrainFactory.GetGrain<IVolunteerGrain>(volunteer).ForgetCircle(this.GetPrimaryKeyString());
            return;
        }
        var added = volunteerIds.Count(state.State.OfferedTo.Add);
        if (state.State.Requests.TryGetValue(requestId, out var record) && record.Status == RequestStatus.Open)
        {
            await Transition(record, RequestStatus.Offered, "aangeboden aan vrijwilligers");
        }
        else if (added > 0)
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<MatchConfirmation> ConfirmMatch(string requestId, string volunteerId, string offerId, string? reason = null, HelperIntroduction? helper = null)
    {
        if (!state.State.Requests.TryGetValue(requestId, out var record)) return MatchConfirmation.NotFound;
        switch (record.Status)
        {
            case RequestStatus.Matched:
                if (record.VolunteerId != volunteerId) return MatchConfirmation.TakenByOther;
                await QueueMatchedMail(record);
                return MatchConfirmation.Confirmed;
            case RequestStatus.Open or RequestStatus.Offered:
                record.VolunteerId = volunteerId;
                record.OfferId = offerId;
                record.Helper = helper;
                state.State.Helpers.Remove(volunteerId);
                state.State.Helpers.Insert(0, volunteerId);
                await Transition(record, RequestStatus.Matched, reason is null
                    ? $"gekoppeld aan vrijwilliger {volunteerId}"
                    : $"door de coördinator gekoppeld aan vrijwilliger {volunteerId}: {reason}");
                await QueueMatchedMail(record);
                NotifySettled(record);
                return MatchConfirmation.Confirmed;
            default:
                return MatchConfirmation.RequestClosed;
        }
    }

    public async Task<bool> VolunteerWithdrew(string requestId, string volunteerId, string reason)
    {
        if (!state.State.Requests.TryGetValue(requestId, out var record) || state.State.ErasedAt is not null) return false;
        if (record.Status != RequestStatus.Matched || record.VolunteerId != volunteerId) return record.Status == RequestStatus.Open;
        var helper = record.Helper;
        // Now short notice: it goes ahead of the requests that have time.
        record.Priority = Math.Max(record.Priority, 1);
        await QueueCarerMail(contact => MailTexts.Withdrawn(record.Id, volunteerId, record.Start, record.End, contact.Email!, contact, helper, links.Base, clock.GetUtcNow()));
        await Reopen(record, $"vrijwilliger {volunteerId} kan toch niet: {reason}");
        return true;
    }

    public async Task<bool> Complete(string requestId, string volunteerId, double hours, bool happened, string? reason, bool assumed)
    {
        if (!state.State.Requests.TryGetValue(requestId, out var record)) return false;
        if (record.Status == RequestStatus.Completed) return record.VolunteerId == volunteerId;
        if (record.Status != RequestStatus.Matched || record.VolunteerId != volunteerId) return false;
        record.HoursGiven = happened ? hours : 0;
        record.HoursAssumed = assumed;
        var given = hours.ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"));
        var what = !happened ? $"vond niet plaats: {reason}"
            : assumed ? $"afgerond; aangenomen: {given} uur zoals gepland (geen antwoord binnen een week)"
            : $"afgerond: {given} uur gegeven";
        await Transition(record, RequestStatus.Completed, what);
        return true;
    }

    public async Task<string?> RemindCarer(string requestId)
    {
        if (!state.State.Requests.TryGetValue(requestId, out var record) || record.Status != RequestStatus.Matched) return null;
        var now = clock.GetUtcNow();
        if (record.Start <= now || record.Start - now > MailTexts.ReminderLead) return record.VolunteerId;
        if (state.State.Profile?.Contact is { Reminders: true })
        {
            await QueueCarerMail(contact => MailTexts.Reminder($"reminder/{record.Id}/carer", record.Kind, record.Start, record.End, null, contact.Email!, contact,
                new Uri(links.Base, "/Hulpvragen"), now, record.Helper?.FirstName));
        }
        return record.VolunteerId;
    }

    public async Task SetContact(ContactDetails? contact)
    {
        if (state.State is not { Profile: { } profile, ErasedAt: null }) throw new KeyNotFoundException($"Circle '{this.GetPrimaryKeyString()}' does not exist.");
        if (profile.Contact == contact) return;
        state.State.Profile = profile with { Contact = contact };
        await state.WriteStateAsync();
    }

    /// <summary>The carer hears that help is coming, and from whom, before the volunteer's accept is answered.</summary>
    private Task QueueMatchedMail(HelpRequestRecord record) =>
        QueueCarerMail(contact => MailTexts.Matched(record.Id, record.VolunteerId!, record.Kind, record.Start, record.End, contact.Email!, contact, record.Helper,
            links.Base, clock.GetUtcNow()));

    public async Task<bool> Unmatch(string requestId, string volunteerId, string by, string reason)
    {
        if (!state.State.Requests.TryGetValue(requestId, out var record) || state.State.ErasedAt is not null) return false;
        if (record.Status != RequestStatus.Matched || record.VolunteerId != volunteerId) return record.Status == RequestStatus.Open;
        await Reopen(record, $"vrijwilliger {volunteerId} ontkoppeld door {by}: {reason}");
        return true;
    }

    /// <summary>The matched volunteer lets go: the request is open again and back in matching.</summary>
    private async Task Reopen(HelpRequestRecord record, string what)
    {
        record.VolunteerId = null;
        record.OfferId = null;
        record.Helper = null;
        await Transition(record, RequestStatus.Open, what);
        NotifyMatching(record);
    }

    public async Task Expire(string requestId)
    {
        if (!state.State.Requests.TryGetValue(requestId, out var record) || record.Status is not (RequestStatus.Open or RequestStatus.Offered)) return;
        await Transition(record, RequestStatus.Expired, "verlopen: er is op tijd geen vrijwilliger gevonden");
        await QueueCarerMail(contact => MailTexts.Expired(record.Id, record.Kind, record.Start, record.End, contact.Email!, contact, links.Base, clock.GetUtcNow()));
        NotifySettled(record);
    }

    public async Task Escalated(string requestId, string partnerId)
    {
        if (!state.State.Requests.TryGetValue(requestId, out var record) || record.Status is not (RequestStatus.Open or RequestStatus.Offered)) return;
        if (record.EscalatedTo == partnerId) return;
        var partner = (await GrainFactory.GetGrain<IPartnerGrain>(partnerId).GetInfo())?.Name ?? partnerId;
        record.EscalatedTo = partnerId;
        await Transition(record, RequestStatus.Open, $"nog geen vrijwilliger gevonden; de coördinator van {partner} zoekt verder");
        await QueueCarerMail(contact => MailTexts.Escalated(record.Id, record.Kind, record.Start, record.End, partner, contact.Email!, contact, links.Base, clock.GetUtcNow()));
    }

    private async Task QueueCarerMail(Func<ContactDetails, OutgoingMail> compose)
    {
        if (state.State.Profile?.Contact is not { Email: { Length: > 0 } email } contact) return;
        await GrainFactory.GetGrain<IMailOutboxGrain>(MailOutboxes.For(email)).Queue(compose(contact));
    }

    public async Task<CheckIn> RecordCheckIn(IReadOnlyDictionary<string, int> answers, string by)
    {
        var profile = Profile;
        var errors = Balance.BalanceCheck.Validate(answers);
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value}")), nameof(answers));
        var now = clock.GetUtcNow();
        var today = AmsterdamDay(now);
        var madeToday = state.State.CheckIns.Count(c => AmsterdamDay(c.At) == today);
        if (madeToday >= limits.Value.CheckInsPerDay)
        {
            throw new LimitReachedException("Vandaag al ingevuld.",
                $"U heeft de balansvragen vandaag al {madeToday} keer ingevuld voor deze kring. Morgen kan het weer.");
        }
        var score = Balance.BalanceCheck.Score(answers);
        var checkIn = new CheckIn(now, new Dictionary<string, int>(answers), score, Balance.BalanceCheck.Level(score), by);
        var previous = state.State.CheckIns.LastOrDefault();
        state.State.CheckIns.Add(checkIn);
        state.State.Overloaded = checkIn.Level == BalanceLevel.Overloaded;
        await state.WriteStateAsync();

        var signals = GrainFactory.GetGrain<ISignalsGrain>(DirectoryKeys.Default);
        if (Balance.BalanceCheck.SignalReason(checkIn, previous) is { } reason)
        {
            await signals.Raise(new CarerSignal(profile.Id, profile.Village, reason, checkIn.Score, checkIn.Level, checkIn.At));
        }
        else
        {
            await signals.Clear(profile.Id);
        }
        await Village.TrackContact(profile.Id, checkIn.At);
        return checkIn;
    }

    public Task<IReadOnlyList<CheckIn>> GetCheckIns() => Task.FromResult<IReadOnlyList<CheckIn>>(state.State.CheckIns.ToList());

    public async Task<IReadOnlyList<string>> Erase(string by)
    {
        var s = state.State;
        if (s.Profile is not { } profile) throw new KeyNotFoundException($"Circle '{this.GetPrimaryKeyString()}' is not registered.");
        if (s.ErasedAt is null)
        {
            var now = clock.GetUtcNow();
            foreach (var record in s.Requests.Values)
            {
                // A booking that already began stays as it was; everything still to come is cancelled.
                var cancel = record.Status is RequestStatus.Open or RequestStatus.Offered
                    || (record.Status == RequestStatus.Matched && record.Start > now);
                if (cancel)
                {
                    if (record.Status == RequestStatus.Matched && record.VolunteerId is { } volunteer) s.ReleasedOnErasure.Add(volunteer);
                    record.Status = RequestStatus.Cancelled;
                    record.History.Add(new RequestEvent(now, RequestStatus.Cancelled, ErasureNote));
                    s.CancelledOnErasure.Add(record.Id);
                }
                record.Needs = [];
                record.Notes = null;
                record.RequestedBy = "";
                // The history's texts name people (who asked, a coordinator's reason); its steps stay.
                record.History = record.History.Select(e => e with { What = e.What == ErasureNote ? e.What : "" }).ToList();
            }
            s.Profile = new CircleProfile(profile.Id, profile.Village, "", 0, "", "", [], null, null);
            s.Helpers.Clear();
            s.CheckIns.Clear();
            s.Overloaded = false;
            s.ErasedAt = now;
            await state.WriteStateAsync();
        }
        // Repeated on every call, so an erasure that stopped half-way is finished by the next one.
        foreach (var id in s.CancelledOnErasure)
        {
            var record = s.Requests[id];
            await Village.TrackRequest(Summary(record));
            NotifySettled(record);
        }
        await Village.ForgetCircle(this.GetPrimaryKeyString());
        await GrainFactory.GetGrain<ISignalsGrain>(DirectoryKeys.Default).Clear(this.GetPrimaryKeyString());
        return s.ReleasedOnErasure.Distinct().ToList();
    }

    public Task<bool> IsErased() => Task.FromResult(state.State.ErasedAt is not null);

    public Task<IReadOnlyList<string>> OfferedVolunteers() => Task.FromResult<IReadOnlyList<string>>(
        state.State.OfferedTo.Concat(state.State.Requests.Values.Select(r => r.VolunteerId).OfType<string>()).Distinct().Order(StringComparer.Ordinal).ToList());

    public async Task<int> RemoveClosedRequests(DateTimeOffset closedBefore)
    {
        if (state.State.Profile is null) return 0;
        var now = clock.GetUtcNow();
        var old = state.State.Requests.Values.Where(r => ClosedAt(r, now) is { } closed && closed < closedBefore).Select(r => r.Id).ToList();
        if (old.Count == 0) return 0;
        // The village keeps them as anonymous counts first, so a crash in between never leaves them identifiable there.
        await Village.AnonymiseRequests(old);
        foreach (var id in old) state.State.Requests.Remove(id);
        await state.WriteStateAsync();
        return old.Count;
    }

    public async Task<int> RemoveCheckIns(DateTimeOffset madeBefore)
    {
        var removed = state.State.CheckIns.RemoveAll(c => c.At < madeBefore);
        if (removed > 0) await state.WriteStateAsync();
        return removed;
    }

    /// <summary>When a request closed: the later of its end and its last step; null while it is still open or to come.</summary>
    private static DateTimeOffset? ClosedAt(HelpRequestRecord r, DateTimeOffset now)
    {
        var last = r.History.Count > 0 ? r.History.Max(e => e.At) : r.CreatedAt;
        return r.Status switch
        {
            RequestStatus.Matched or RequestStatus.Completed when r.End <= now => r.End > last ? r.End : last,
            RequestStatus.Cancelled or RequestStatus.Expired => r.End > last ? r.End : last,
            _ => null,
        };
    }

    /// <summary>Refuses new requests beyond Kring:Limits:OpenRequestsPerCircle: each one sends offers and grows the circle's and village's state.</summary>
    private void EnsureRoomFor(int count, DateTimeOffset now)
    {
        if (count == 0) return;
        var limit = limits.Value.OpenRequestsPerCircle;
        var open = state.State.Requests.Values.Count(r => r.Status is RequestStatus.Open or RequestStatus.Offered or RequestStatus.Matched && r.Start > now);
        if (open + count <= limit) return;
        var room = Math.Max(0, limit - open);
        throw new LimitReachedException("Te veel openstaande hulpvragen.",
            $"Een kring kan hooguit {limit} hulpvragen tegelijk open hebben staan; deze kring heeft er {open}"
            + (count > 1 ? $" en deze reeks telt er {count}" : "")
            + (room > 0 ? $". Er kunnen er nog {room} bij." : ". Annuleer eerst een hulpvraag of wacht tot er een voorbij is."));
    }

    private static DateOnly AmsterdamDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Availability.Amsterdam).DateTime);

    private IVillageGrain Village => GrainFactory.GetGrain<IVillageGrain>(VillageId);

    private async Task Transition(HelpRequestRecord record, RequestStatus status, string what)
    {
        record.Status = status;
        record.History.Add(new RequestEvent(clock.GetUtcNow(), status, what));
        await state.WriteStateAsync();
        await Village.TrackRequest(Summary(record));
    }

    // Circles never wait on matching (see IMatchingGrain); a lost notification is recovered by its reconcile.
    private void NotifyMatching(HelpRequestRecord record) =>
        _ = Shard(record).Submit(Summary(record));

    private void NotifySettled(HelpRequestRecord record) =>
        _ = Shard(record).RequestSettled(record.Id, record.VolunteerId);

    private IMatchingGrain Shard(HelpRequestRecord record) =>
        GrainFactory.GetGrain<IMatchingGrain>(MatchingShard.Key(state.State.Region, record.Kind));

    private static void Validate(NewHelpRequest request, DateTimeOffset now)
    {
        if (request.Start < now) throw new ArgumentException("The start lies in the past.", nameof(request));
        if (string.IsNullOrWhiteSpace(request.Id)) throw new ArgumentException("A request needs an id.", nameof(request));
        if (request.End <= request.Start) throw new ArgumentException("The end must lie after the start.", nameof(request));
        if (request.End - request.Start > MaxDuration) throw new ArgumentException($"A request lasts at most {MaxDuration.TotalHours} hours.", nameof(request));
    }

    private RequestSummary Summary(HelpRequestRecord r) =>
        new(r.Id, this.GetPrimaryKeyString(), VillageId, r.Kind, r.Start, r.End, r.Needs, r.Status, r.CreatedAt, state.State.Helpers.ToList(),
            r.Priority, r.SeriesId, state.State.Overloaded,
            r.Status == RequestStatus.Matched ? r.History.LastOrDefault(e => e.Status == RequestStatus.Matched)?.At : null,
            r.HoursGiven, r.HoursAssumed);

    private HelpRequestView View(HelpRequestRecord r) =>
        new(r.Id, this.GetPrimaryKeyString(), VillageId, r.Kind, r.Start, r.End, r.Needs, r.Notes, r.Status, r.VolunteerId, r.CreatedAt, r.History.ToList(),
            r.Priority, r.SeriesId, r.Status == RequestStatus.Matched ? r.Helper : null);
}
