using Kring.Grains.Mail;
using Kring.Grains.Operations;
using Microsoft.Extensions.Options;

namespace Kring.Grains;

/// <summary>
/// One carer circle: its profile, its help requests and their history, and its check-ins. This part registers the
/// circle and takes requests in; the request lifecycle, the mails, the check-ins and the erasure have their own parts.
/// </summary>
public sealed partial class CarerCircleGrain(
    [PersistentState("circle", KringStorage.Name)] IPersistentState<CarerCircleState> state,
    IPublicAddress links,
    IOptions<LimitOptions> limits,
    KringMetrics metrics,
    TimeProvider clock) : Grain, ICarerCircleGrain
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(12);
    private WriteBehind _writeBehind = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writeBehind = new WriteBehind(this, () => state.WriteStateAsync(), WriteBehind.DefaultDelay);
        ScheduleRelease();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _writeBehind.Flush(cancellationToken);

    private CircleProfile Profile => state.State is { Profile: { } profile, ErasedAt: null }
        ? profile
        : throw new KeyNotFoundException($"Circle '{this.GetPrimaryKeyString()}' is not registered.");

    /// <summary>The circle's village, also once it is erased.</summary>
    private string VillageId =>
        state.State.Profile?.Village ?? throw new KeyNotFoundException($"Circle '{this.GetPrimaryKeyString()}' is not registered.");

    public async Task Register(CircleProfile profile)
    {
        if (profile.Id != this.GetPrimaryKeyString()) throw new ArgumentException("The circle id must equal the grain key.",
            nameof(profile));
        if (state.State.ErasedAt is not null) throw new ArgumentException("This circle was erased; its id is not used again.",
            nameof(profile));
        var village = GrainFactory.GetGrain<IVillageGrain>(profile.Village);
        var info = await village.GetInfo() ?? throw new ArgumentException($"Unknown village '{profile.Village}'.", nameof(profile));
        state.State.Profile = profile;
        state.State.Region = info.Region;
        await _writeBehind.WriteNow();
        await village.AddCircle(profile.Id, profile.CarerAge);
    }

    public Task<CircleView?> Get() => Task.FromResult(state.State is { Profile: { } profile, ErasedAt: null }
        ? new CircleView(profile, state.State.Helpers.ToList(), state.State.Requests.Values.OrderBy(r => r.Start).Select(View).ToList(),
            state.State.Members.ToList(), state.State.Professionals.ToList(), state.State.VisibleToKeyFigures)
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
            CircleFirstUntil = CircleFirstUntil(request, now),
            History = [new RequestEvent(now, RequestStatus.Open, $"aangevraagd door {request.RequestedBy}")],
        }).ToList();
        if (records.Count > 0)
        {
            // The village lists the requests before the circle stores them, so a crash in between leaves a trace that
            // reconciling cleans up. The village keeps its list in memory; should it stop, it asks its circles again.
            foreach (var record in records) await Village.TrackRequest(Summary(record));
            foreach (var record in records) state.State.Requests[record.Id] = record;
            await _writeBehind.WriteNow();
            foreach (var kind in records.GroupBy(r => r.Kind)) metrics.RequestsFiled(VillageId, kind.Key, kind.Count());
            foreach (var record in records.Where(r => r.CircleFirstUntil is null)) NotifyMatching(record);
            await AskOwnCircle(records.Where(r => r.CircleFirstUntil is not null).ToList());
            await Village.TrackContact(this.GetPrimaryKeyString(), now);
        }
        return occurrences.Select(o => View(state.State.Requests[o.Id])).ToList();
    }

    public Task<HelpRequestView?> GetRequest(string requestId) =>
        Task.FromResult(state.State.Requests.TryGetValue(requestId, out var record) ? View(record) : null);

    public Task<CircleTrace> GetTrace()
    {
        if (state.State is not { Profile: not null, ErasedAt: null }) return Task.FromResult(new CircleTrace([], null));
        var heard = state.State.Requests.Values.Select(r => r.CreatedAt).Concat(state.State.CheckIns.Select(c => c.At))
            .Concat(state.State.Contacts.Select(Heard)).ToList();
        return Task.FromResult(new CircleTrace(state.State.Requests.Values.Select(Summary).ToList(), heard.Count > 0 ? heard.Max() : null));
    }

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

    public async Task SetContact(ContactDetails? contact)
    {
        if (state.State is not { Profile: { } profile, ErasedAt: null })
        {
            throw new KeyNotFoundException($"Circle '{this.GetPrimaryKeyString()}' does not exist.");
        }
        if (profile.Contact == contact) return;
        state.State.Profile = profile with { Contact = contact };
        await _writeBehind.WriteNow();
    }

    public Task<bool> IsErased() => Task.FromResult(state.State.ErasedAt is not null);

    /// <summary>
    /// Refuses new requests beyond Kring:Limits:OpenRequestsPerCircle: each one sends offers and grows the circle's and
    /// village's state.
    /// </summary>
    private void EnsureRoomFor(int count, DateTimeOffset now)
    {
        if (count == 0) return;
        var limit = limits.Value.OpenRequestsPerCircle;
        var open = state.State.Requests.Values
            .Count(r => r.Status is RequestStatus.Open or RequestStatus.Offered or RequestStatus.Matched && r.Start > now);
        if (open + count <= limit) return;
        var room = Math.Max(0, limit - open);
        throw new LimitReachedException("Te veel openstaande hulpvragen.",
            $"Een kring kan hooguit {limit} hulpvragen tegelijk open hebben staan; deze kring heeft er {open}"
            + (count > 1 ? $" en deze reeks telt er {count}" : "")
            + (room > 0 ? $". Er kunnen er nog {room} bij." : ". Annuleer eerst een hulpvraag of wacht tot er een voorbij is."));
    }

    private IVillageGrain Village => GrainFactory.GetGrain<IVillageGrain>(VillageId);

    private static void Validate(NewHelpRequest request, DateTimeOffset now)
    {
        if (request.Start < now) throw new ArgumentException("The start lies in the past.", nameof(request));
        if (string.IsNullOrWhiteSpace(request.Id)) throw new ArgumentException("A request needs an id.", nameof(request));
        if (request.End <= request.Start) throw new ArgumentException("The end must lie after the start.", nameof(request));
        if (request.End - request.Start > MaxDuration)
        {
            throw new ArgumentException($"A request lasts at most {MaxDuration.TotalHours} hours.", nameof(request));
        }
    }

    private RequestSummary Summary(HelpRequestRecord r) =>
        new(r.Id, this.GetPrimaryKeyString(), VillageId, r.Kind, r.Start, r.End, r.Needs, r.Status, r.CreatedAt,
            state.State.Helpers.ToList(),
            r.Priority, r.SeriesId, state.State.Overloaded,
            r.Status is RequestStatus.Matched or RequestStatus.Completed
                ? r.History.LastOrDefault(e => e.Status == RequestStatus.Matched)?.At : null,
            r.HoursGiven, r.HoursAssumed, r.CircleFirstUntil);

    private HelpRequestView View(HelpRequestRecord r) =>
        new(r.Id, this.GetPrimaryKeyString(), VillageId, r.Kind, r.Start, r.End, r.Needs, r.Notes, r.Status, r.VolunteerId, r.CreatedAt,
            r.History.ToList(),
            r.Priority, r.SeriesId, r.Status == RequestStatus.Matched ? r.Helper : null, r.CircleFirstUntil);
}
