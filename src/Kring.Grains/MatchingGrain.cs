using Kring.Matching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.OutstandingOffer")]
public sealed record OutstandingOffer(
    [property: Id(0)] string OfferId,
    [property: Id(1)] string VolunteerId,
    [property: Id(2)] DateTimeOffset ExpiresAt);

[GenerateSerializer, Alias("kring.state.PendingMatch")]
public sealed class PendingMatch
{
    [Id(0)] public RequestSummary Request { get; set; } = default!;
    /// <summary>Every volunteer who has had an offer for this request, so nobody is asked twice.</summary>
    [Id(1)] public HashSet<string> Tried { get; set; } = [];
    [Id(2)] public Dictionary<string, OutstandingOffer> Outstanding { get; set; } = new();
}

[GenerateSerializer, Alias("kring.state.Matching")]
public sealed class MatchingState
{
    [Id(0)] public Dictionary<string, PendingMatch> Pending { get; set; } = new();
}

/// <summary>
/// One matching shard. It keeps an in-memory index of the shard's volunteers (rebuilt from the volunteers at
/// activation) and the persisted offer state of every pending request; the engine decides, the grain orchestrates.
/// </summary>
public sealed class MatchingGrain(
    [PersistentState("matching", KringStorage.Name)] IPersistentState<MatchingState> state,
    IOptions<MatchingOptions> options,
    TimeProvider clock,
    ILogger<MatchingGrain> logger) : Grain, IMatchingGrain
{
    private readonly Dictionary<string, VolunteerCandidate> _volunteers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GeoPoint> _villages = new(StringComparer.Ordinal);
    private string _region = "";
    private HelpKind _kind;
    private DateTimeOffset _lastReconcile;

    private MatchingOptions Options => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.IndexOf('/');
        if (slash <= 0 || !HelpKinds.TryParse(key[(slash + 1)..], out _kind)) throw new ArgumentException($"Bad matching shard key '{key}'.");
        _region = key[..slash];

        await LoadVillages();
        var villages = _villages.Keys.ToList();
        var members = await Task.WhenAll(villages.Select(v => GrainFactory.GetGrain<IVillageGrain>(v).GetMembers()));
        var snapshots = await Task.WhenAll(members.SelectMany(m => m.Volunteers)
            .Select(v => GrainFactory.GetGrain<IVolunteerGrain>(v).GetSnapshot()));
        foreach (var snapshot in snapshots.OfType<VolunteerSnapshot>()) Index(snapshot);

        // Offers recorded before a crash may never have reached the volunteer; delivering again is harmless.
        foreach (var pending in state.State.Pending.Values)
        {
            foreach (var outstanding in pending.Outstanding.Values.ToList()) await Deliver(pending, outstanding);
        }
        this.RegisterGrainTimer(Tick, Options.TickInterval, Options.TickInterval);
    }

    public async Task Submit(RequestSummary request)
    {
        if (state.State.Pending.ContainsKey(request.Id) || request.Status is not (RequestStatus.Open or RequestStatus.Offered)) return;
        state.State.Pending[request.Id] = new PendingMatch { Request = request };
        await state.WriteStateAsync();
        await OfferWaves([state.State.Pending[request.Id]]);
    }

    public async Task OfferDeclined(string requestId, string volunteerId)
    {
        if (!state.State.Pending.TryGetValue(requestId, out var pending) || !pending.Outstanding.Remove(volunteerId)) return;
        await state.WriteStateAsync();
        await OfferWaves([pending]);
        await ReopenIfLapsed([pending]);
    }

    public async Task RequestSettled(string requestId, string? matchedVolunteerId)
    {
        if (!state.State.Pending.Remove(requestId, out var pending)) return;
        await state.WriteStateAsync();
        foreach (var outstanding in pending.Outstanding.Values.Where(o => o.VolunteerId != matchedVolunteerId))
        {
            await GrainFactory.GetGrain<IVolunteerGrain>(outstanding.VolunteerId).WithdrawOffer(outstanding.OfferId, OfferStatus.Withdrawn);
        }
    }

    public async Task VolunteerChanged(VolunteerSnapshot snapshot)
    {
        Index(snapshot);
        await OfferWaves(state.State.Pending.Values.Where(p => p.Outstanding.Count == 0 && !p.Tried.Contains(snapshot.Profile.Id)).ToList());
    }

    public async Task Reconcile()
    {
        _lastReconcile = clock.GetUtcNow();
        await LoadVillages();
        var unsettled = (await Task.WhenAll(_villages.Keys.Select(v => GrainFactory.GetGrain<IVillageGrain>(v).GetUnsettled())))
            .SelectMany(r => r).Where(r => r.Kind == _kind).ToDictionary(r => r.Id);
        var known = unsettled.Keys.Concat(state.State.Pending.Keys).Distinct().ToList();
        var changed = false;
        foreach (var requestId in known)
        {
            var summary = unsettled.GetValueOrDefault(requestId) ?? state.State.Pending[requestId].Request;
            var circle = GrainFactory.GetGrain<ICarerCircleGrain>(summary.CircleId);
            var current = await circle.GetRequest(requestId);
            var village = GrainFactory.GetGrain<IVillageGrain>(summary.Village);
            if (current is null)
            {
                await village.Forget(requestId);
                changed |= state.State.Pending.Remove(requestId);
            }
            else if (current.Status is RequestStatus.Open or RequestStatus.Offered)
            {
                if (!state.State.Pending.ContainsKey(requestId))
                {
                    state.State.Pending[requestId] = new PendingMatch { Request = summary };
                    changed = true;
                }
            }
            else
            {
                await village.TrackRequest(summary with { Status = current.Status });
                if (state.State.Pending.ContainsKey(requestId))
                {
                    await RequestSettled(requestId, current.VolunteerId);
                }
            }
        }
        if (changed) await state.WriteStateAsync();
        await OfferWaves(state.State.Pending.Values.Where(p => p.Outstanding.Count == 0).ToList());
    }

    public Task<int> PendingCount() => Task.FromResult(state.State.Pending.Count);

    private async Task Tick(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Reconciling must not take the place of the deadline check: with a ReconcileInterval no longer than the
        // TickInterval (or after the clock jumped) every tick would reconcile and no offer would ever lapse.
        if (now - _lastReconcile >= Options.ReconcileInterval)
        {
            await Reconcile();
        }
        var lapsed = new List<PendingMatch>();
        foreach (var pending in state.State.Pending.Values)
        {
            foreach (var expired in pending.Outstanding.Values.Where(o => o.ExpiresAt <= now).ToList())
            {
                pending.Outstanding.Remove(expired.VolunteerId);
                await GrainFactory.GetGrain<IVolunteerGrain>(expired.VolunteerId).WithdrawOffer(expired.OfferId, OfferStatus.Expired);
                lapsed.Add(pending);
            }
        }
        if (lapsed.Count > 0) await state.WriteStateAsync();
        await OfferWaves(state.State.Pending.Values.Where(p => p.Outstanding.Count == 0).ToList());
        await ReopenIfLapsed(lapsed);
    }

    /// <summary>All offers lapsed or were declined and no new wave went out: the request is open again (see MarkOffered).</summary>
    private async Task ReopenIfLapsed(IEnumerable<PendingMatch> lapsed)
    {
        foreach (var pending in lapsed.Distinct().Where(p => p.Outstanding.Count == 0))
        {
            await GrainFactory.GetGrain<ICarerCircleGrain>(pending.Request.CircleId).MarkOffered(pending.Request.Id, false);
        }
    }

    /// <summary>Sends the next wave of offers for each request that has none outstanding, most urgent first.</summary>
    private async Task OfferWaves(IReadOnlyCollection<PendingMatch> candidates)
    {
        if (candidates.Count == 0) return;
        var now = clock.GetUtcNow();
        var needs = candidates
            .Where(p => p.Outstanding.Count == 0 && _villages.ContainsKey(p.Request.Village))
            .Select(p => (Pending: p, Need: EngineMapping.ToNeed(p.Request, _villages[p.Request.Village])))
            .OrderBy(x => x.Need, Comparer<HelpNeed>.Create(CandidateRanker.CompareUrgency))
            .ToList();
        foreach (var (pending, need) in needs)
        {
            if (need.Window.Start <= now) continue;
            var wave = CandidateRanker.Rank(need, _volunteers.Values, pending.Tried).Take(Options.WaveSize).ToList();
            if (wave.Count == 0) continue;
            foreach (var candidate in wave)
            {
                var volunteerId = candidate.Volunteer.Id;
                pending.Tried.Add(volunteerId);
                pending.Outstanding[volunteerId] = new OutstandingOffer($"{pending.Request.Id}~{volunteerId}", volunteerId, now + Options.OfferTimeout);
            }
            await state.WriteStateAsync();
            foreach (var outstanding in pending.Outstanding.Values.ToList()) await Deliver(pending, outstanding);
            if (pending.Outstanding.Count > 0)
            {
                await GrainFactory.GetGrain<ICarerCircleGrain>(pending.Request.CircleId).MarkOffered(pending.Request.Id, true);
            }
        }
    }

    private async Task Deliver(PendingMatch pending, OutstandingOffer outstanding)
    {
        var r = pending.Request;
        var offer = new Offer(outstanding.OfferId, r.Id, r.CircleId, r.Village, r.Kind, r.Start, r.End, r.Needs, OfferStatus.Pending, clock.GetUtcNow());
        try
        {
            if (await GrainFactory.GetGrain<IVolunteerGrain>(outstanding.VolunteerId).ReceiveOffer(offer)) return;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not deliver offer {OfferId}; it will lapse and go to the next volunteer", outstanding.OfferId);
            return;
        }
        pending.Outstanding.Remove(outstanding.VolunteerId);
        await state.WriteStateAsync();
    }

    private void Index(VolunteerSnapshot snapshot)
    {
        var profile = snapshot.Profile;
        if (profile.Kinds.Contains(_kind) && _villages.TryGetValue(profile.HomeVillage, out var home))
        {
            _volunteers[profile.Id] = EngineMapping.ToCandidate(snapshot, home);
        }
        else
        {
            _volunteers.Remove(profile.Id);
        }
    }

    private async Task LoadVillages()
    {
        foreach (var village in await GrainFactory.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages())
        {
            if (village.Region == _region) _villages[village.Id] = new GeoPoint(village.Lat, village.Lon);
        }
    }
}
