using Kring.Matching;
using Kring.Matching.Waves;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kring.Grains;

/// <summary>
/// One matching shard. It keeps an in-memory index of the shard's volunteers (rebuilt from the volunteers at
/// activation) and the persisted offer state of every pending request; the engine decides, the grain orchestrates.
/// This part takes the notifications in and runs the pass; the waves, the deadlines and the delivery have their own.
/// </summary>
public sealed partial class MatchingGrain(
    [PersistentState("matching", KringStorage.Name)] IPersistentState<MatchingState> state,
    IOptions<MatchingOptions> options,
    TimeProvider clock,
    ILogger<MatchingGrain> logger) : Grain, IMatchingGrain
{
    private readonly ShardIndex _index = new();
    private string _region = "";
    private HelpKind _kind;
    /// <summary>Requests whose next wave waits for the coming pass.</summary>
    private readonly HashSet<string> _due = new(StringComparer.Ordinal);
    /// <summary>Requests that left matching, whose other offers the coming pass withdraws.</summary>
    private readonly List<(PendingMatch Pending, string? MatchedVolunteer)> _settled = [];
    /// <summary>The state changed and the coming pass must write it even when it sends no wave.</summary>
    private bool _unsaved;
    private bool _passQueued;

    private MatchingOptions Options => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.IndexOf('/');
        if (slash <= 0 || !HelpKinds.TryParse(key[(slash + 1)..], out _kind))
        {
            throw new ArgumentException($"Bad matching shard key '{key}'.");
        }
        _region = key[..slash];

        await LoadVillages();
        // Volunteers from villages across the border of the region are indexed too, so a request near the border can
        // go to them; each volunteer's own radius still decides.
        var members = await Task.WhenAll(_index.Villages.ToList().Select(v => GrainFactory.GetGrain<IVillageGrain>(v).GetMembers()));
        var snapshots = await Task.WhenAll(members.SelectMany(m => m.Volunteers)
            .Select(v => GrainFactory.GetGrain<IVolunteerGrain>(v).GetSnapshot()));
        foreach (var snapshot in snapshots.OfType<VolunteerSnapshot>()) Index(snapshot);

        // Offers recorded before a crash may never have reached the volunteer; delivering again is harmless.
        await DeliverAll(state.State.Pending.Values.ToList());
        this.RegisterGrainTimer(Tick, Options.TickInterval, Options.TickInterval);
    }

    /// <summary>
    /// Not written here: the circle has stored the request and the village lists it as unsettled, so should the shard
    /// stop before its pass, reconciling takes the request in again.
    /// </summary>
    public Task Submit(RequestSummary request)
    {
        if (state.State.Pending.ContainsKey(request.Id) || request.Status is not (RequestStatus.Open or RequestStatus.Offered))
        {
            return Task.CompletedTask;
        }
        state.State.Pending[request.Id] = new PendingMatch { Request = request };
        _due.Add(request.Id);
        _unsaved = true;
        QueuePass();
        return Task.CompletedTask;
    }

    public async Task OfferDeclined(string requestId, string volunteerId)
    {
        if (!state.State.Pending.TryGetValue(requestId, out var pending) || !pending.Outstanding.Remove(volunteerId)) return;
        await state.WriteStateAsync();
        await OfferWaves([pending]);
        await ReopenIfLapsed([pending]);
    }

    /// <summary>
    /// Should the shard stop before its pass wrote this, the request is pending again at activation and its offers go
    /// out again; a volunteer who accepts one hears that the request is taken, and reconciling settles it.
    /// </summary>
    public Task RequestSettled(string requestId, string? matchedVolunteerId)
    {
        if (!state.State.Pending.Remove(requestId, out var pending)) return Task.CompletedTask;
        var series = pending.Request.SeriesId is { } seriesId && matchedVolunteerId is not null
            ? state.State.Pending.Values.Where(p => p.Request.SeriesId == seriesId && p.PreferredVolunteer is null).ToList()
            : [];
        foreach (var occurrence in series)
        {
            occurrence.PreferredVolunteer = matchedVolunteerId;
            _due.Add(occurrence.Request.Id);
        }
        _due.Remove(requestId);
        _settled.Add((pending, matchedVolunteerId));
        _unsaved = true;
        QueuePass();
        return Task.CompletedTask;
    }

    public async Task RunPass()
    {
        _passQueued = false;
        if (!HasPassWork) return;
        var due = _due.Select(id => state.State.Pending.GetValueOrDefault(id)).OfType<PendingMatch>().ToList();
        var settled = _settled.ToList();
        _due.Clear();
        _settled.Clear();
        try
        {
            await PlanWaves(due);
            if (!_planned.IsEmpty || _unsaved)
            {
                _unsaved = false;
                await state.WriteStateAsync();
            }
        }
        catch
        {
            // Storage is down: the next notification or tick tries the same pass again.
            foreach (var pending in due) _due.Add(pending.Request.Id);
            _settled.AddRange(settled);
            _unsaved = true;
            throw;
        }
        await Task.WhenAll(settled.Select(s => Close(s.Pending, s.MatchedVolunteer, OfferStatus.Withdrawn)));
        await SendPlanned();
    }

    private bool HasPassWork => _due.Count > 0 || _settled.Count > 0 || _unsaved || !_planned.IsEmpty;

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
        var waiting = state.State.Pending.Values
            .Where(p => p.Outstanding.Count == 0 && !p.Tried.Contains(volunteer.Id) && _index.TryLocate(p.Request.Village, out var at)
                && Eligibility.Check(volunteer, EngineMapping.ToNeed(p.Request, at)) == Ineligibility.None)
            .ToList();
        foreach (var pending in waiting) _due.Add(pending.Request.Id);
        if (waiting.Count > 0) QueuePass();
        return Task.CompletedTask;
    }

    public async Task VolunteerLeft(string volunteerId)
    {
        _index.Remove(volunteerId);
        var affected = new List<PendingMatch>();
        foreach (var pending in state.State.Pending.Values)
        {
            var had = pending.Outstanding.Remove(volunteerId);
            if (pending.PreferredVolunteer == volunteerId) pending.PreferredVolunteer = null;
            else if (!had) continue;
            affected.Add(pending);
        }
        if (affected.Count > 0) await state.WriteStateAsync();
        // Also the requests whose offer to this volunteer was refused before this message came: they wait for a wave too.
        await OfferWaves(WithoutOffers());
        await ReopenIfLapsed(affected);
    }

    public Task<int> PendingCount() => Task.FromResult(state.State.Pending.Count);

    private List<PendingMatch> WithoutOffers() => state.State.Pending.Values.Where(p => p.Outstanding.Count == 0).ToList();

    private void Index(VolunteerSnapshot snapshot)
    {
        var profile = snapshot.Profile;
        if (profile.Kinds.Contains(_kind) && _index.TryLocate(profile.HomeVillage, out var home))
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
