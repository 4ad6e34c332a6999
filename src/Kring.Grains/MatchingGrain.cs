using Kring.Grains.Operations;
using Kring.Matching;
using Kring.Matching.Waves;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kring.Grains;

/// <summary>
/// One matching shard. It keeps an in-memory index of the shard's volunteers (rebuilt from the volunteers at
/// activation) and the offer state of every pending request, written behind (see the Rows part); the engine decides,
/// the grain orchestrates. This part takes the notifications in and runs the pass; the waves, the deadlines, the
/// delivery and the rows have their own.
/// </summary>
public sealed partial class MatchingGrain(
    [PersistentState("matching", KringStorage.Name)] IPersistentState<MatchingState> state,
    IOptions<MatchingOptions> options,
    TimeProvider clock,
    KringMetrics metrics,
    ILogger<MatchingGrain> logger) : Grain, IMatchingGrain
{
    private readonly ShardIndex _index = new();
    private readonly Dictionary<string, PendingMatch> _pending = new(StringComparer.Ordinal);
    private string _region = "";
    /// <summary>Requests whose next wave waits for the coming pass.</summary>
    private readonly HashSet<string> _due = new(StringComparer.Ordinal);
    /// <summary>Requests that left matching, whose other offers the coming pass withdraws.</summary>
    private readonly List<(PendingMatch Pending, string? MatchedVolunteer)> _settled = [];
    /// <summary>Requests whose last plan found nobody eligible at any reach; in memory, so a new activation tries them once.</summary>
    private readonly HashSet<string> _nobody = new(StringComparer.Ordinal);
    private bool _passQueued;

    private MatchingOptions Options => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _region = this.GetPrimaryKeyString();
        if (_region.Length == 0 || _region.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Bad matching shard key '{_region}'.");
        }

        await LoadVillages();
        // Volunteers from villages across the border of the region are indexed too, so a request near the border can
        // go to them; each volunteer's own radius still decides.
        var volunteers = await Task.WhenAll(_index.Villages.ToList().Select(v => GrainFactory.GetGrain<IVillageGrain>(v).GetVolunteers()));
        var snapshots = await Task.WhenAll(volunteers.SelectMany(v => v)
            .Select(v => GrainFactory.GetGrain<IVolunteerGrain>(v).GetSnapshot()));
        foreach (var snapshot in snapshots.OfType<VolunteerSnapshot>()) Index(snapshot);

        // Earlier versions kept every pending request in this one state; they move to rows of their own.
        foreach (var (id, pending) in state.State.Pending)
        {
            _pending[id] = pending;
            Changed(pending);
            _redeliver.Add(pending);
        }
        this.RegisterGrainTimer(Tick, Options.TickInterval, Options.TickInterval);
        this.RegisterGrainTimer(Checkpoint, new GrainTimerCreationOptions(Options.CheckpointInterval, Options.CheckpointInterval)
        {
            Interleave = true,
        });
        // Reconciling at once, not at the first tick: the villages list what this shard held before it stopped, and its
        // rows say how far each request had come. The timers are armed first, so their deadlines count from now.
        await Reconcile(everything: true);
        metrics.ShardRead(_region, Reading(clock.GetUtcNow()));
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.ShardGone(_region);
        return Checkpoint(cancellationToken);
    }

    /// <summary>
    /// Not written here: the circle has stored the request and the village lists it as unsettled, so should the shard
    /// stop before its checkpoint, reconciling takes the request in again.
    /// </summary>
    public Task Submit(RequestSummary request)
    {
        if (_pending.ContainsKey(request.Id) || request.Status is not (RequestStatus.Open or RequestStatus.Offered)
            || request.HeldForOwnCircle(clock.GetUtcNow()))
        {
            return Task.CompletedTask;
        }
        var pending = new PendingMatch { Request = request };
        _pending[request.Id] = pending;
        Changed(pending);
        _due.Add(request.Id);
        QueuePass();
        return Task.CompletedTask;
    }

    public async Task OfferDeclined(string requestId, string volunteerId)
    {
        if (!_pending.TryGetValue(requestId, out var pending) || !pending.Outstanding.Remove(volunteerId)) return;
        metrics.OfferDeclined(_region, pending.Request.Kind);
        Changed(pending);
        await OfferWaves([pending]);
        await ReopenIfLapsed([pending]);
    }

    /// <summary>
    /// Should the shard stop before its checkpoint, the request may be pending again at activation and its offers go
    /// out again; a volunteer who accepts one hears that the request is taken, and reconciling settles it.
    /// </summary>
    public Task RequestSettled(string requestId, string? matchedVolunteerId)
    {
        if (!_pending.Remove(requestId, out var pending)) return Task.CompletedTask;
        _nobody.Remove(requestId);
        Changed(pending);
        if (matchedVolunteerId is not null && pending.Outstanding.ContainsKey(matchedVolunteerId))
        {
            metrics.OfferAccepted(_region, pending.Request.Kind, ReachName(pending.Reach));
        }
        if (matchedVolunteerId is not null)
        {
            _index.Commit(matchedVolunteerId, new Matching.TimeWindow(pending.Request.Start, pending.Request.End));
        }
        var series = pending.Request.SeriesId is { } seriesId && matchedVolunteerId is not null
            ? _pending.Values.Where(p => p.Request.SeriesId == seriesId && p.PreferredVolunteer is null).ToList()
            : [];
        foreach (var occurrence in series)
        {
            occurrence.PreferredVolunteer = matchedVolunteerId;
            Changed(occurrence);
            _due.Add(occurrence.Request.Id);
        }
        _due.Remove(requestId);
        _settled.Add((pending, matchedVolunteerId));
        QueuePass();
        return Task.CompletedTask;
    }

    public async Task RunPass()
    {
        _passQueued = false;
        if (_due.Count == 0 && _settled.Count == 0) return;
        var started = clock.GetTimestamp();
        var due = _due.Select(id => _pending.GetValueOrDefault(id)).OfType<PendingMatch>().ToList();
        var settled = _settled.ToList();
        _due.Clear();
        _settled.Clear();
        var plan = await PlanWaves(due);
        await Task.WhenAll(settled.Select(s => Close(s.Pending, s.MatchedVolunteer, OfferStatus.Withdrawn)));
        await Send(plan);
        metrics.ShardPass(_region, clock.GetElapsedTime(started), due.Count);
    }

    /// <summary>A pass queued behind the messages already waiting; one at a time.</summary>
    private void QueuePass()
    {
        if (_passQueued) return;
        _passQueued = true;
        _ = this.AsReference<IMatchingGrain>().RunPass();
    }

    /// <summary>
    /// Re-indexes the volunteer and queues a wave for the waiting requests this volunteer could now take. Only those: a
    /// volunteer who saves their week again and again must not make the shard rank every waiting request each time.
    /// </summary>
    public Task VolunteerChanged(VolunteerSnapshot snapshot)
    {
        Index(snapshot);
        if (!_index.TryGetVolunteer(snapshot.Profile.Id, out var volunteer)) return Task.CompletedTask;
        var waiting = _pending.Values
            .Where(p => p.Outstanding.Count == 0 && !p.Tried.Contains(volunteer.Id) && _index.TryLocate(p.Request.Village, out var at)
                && Eligibility.Check(volunteer, EngineMapping.ToNeed(p.Request, at)) == Ineligibility.None)
            .ToList();
        foreach (var pending in waiting)
        {
            _nobody.Remove(pending.Request.Id);
            _due.Add(pending.Request.Id);
        }
        if (waiting.Count > 0) QueuePass();
        return Task.CompletedTask;
    }

    public async Task VolunteerLeft(string volunteerId)
    {
        _index.Remove(volunteerId);
        var affected = new List<PendingMatch>();
        foreach (var pending in _pending.Values)
        {
            var had = pending.Outstanding.Remove(volunteerId);
            if (pending.PreferredVolunteer == volunteerId) pending.PreferredVolunteer = null;
            else if (!had) continue;
            affected.Add(pending);
        }
        Changed(affected);
        // Also the requests whose offer to this volunteer was refused before this message came: they wait for a wave too.
        await OfferWaves(WithoutOffers());
        await ReopenIfLapsed(affected);
    }

    public Task<int> PendingCount() => Task.FromResult(_pending.Count);

    /// <summary>
    /// The requests without offers that a new wave might help: not those that found nobody at all in their last plan,
    /// whom only a volunteer's change can help (<see cref="VolunteerChanged"/> queues them then).
    /// </summary>
    private List<PendingMatch> WithoutOffers() =>
        _pending.Values.Where(p => p.Outstanding.Count == 0 && !_nobody.Contains(p.Request.Id)).ToList();

    private void Index(VolunteerSnapshot snapshot)
    {
        var profile = snapshot.Profile;
        if (profile.Kinds.Count > 0 && _index.TryLocate(profile.HomeVillage, out var home))
        {
            _index.Put(EngineMapping.ToCandidate(snapshot, home));
        }
        else
        {
            _index.Remove(profile.Id);
        }
    }

    private async Task LoadVillages()
    {
        var all = await GrainFactory.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
        _index.LoadVillages(_region, all.Select(v => new ShardVillage(v.Id, v.Region, new GeoPoint(v.Lat, v.Lon), v.Neighbours)).ToList(),
            Options.BorderKm);
    }
}
