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
    /// <summary>The current <see cref="Matching.Reach"/>, stored as its number.</summary>
    [Id(3)] public int Reach { get; set; }
    /// <summary>The partner whose coordinator queue holds this request, once matching escalated it.</summary>
    [Id(4)] public string? EscalatedTo { get; set; }
    /// <summary>For a recurring request: the volunteer who took an earlier occurrence, asked first.</summary>
    [Id(5)] public string? PreferredVolunteer { get; set; }
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
    /// <summary>Every village this shard's requests or volunteers can be in; requests come only from the region's own.</summary>
    private readonly Dictionary<string, GeoPoint> _villages = new(StringComparer.Ordinal);
    private readonly HashSet<string> _regionVillages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlySet<string>> _neighbours = new(StringComparer.Ordinal);
    private string _region = "";
    private HelpKind _kind;
    private DateTimeOffset _lastReconcile;
    /// <summary>Requests whose next wave waits for the coming pass.</summary>
    private readonly HashSet<string> _due = new(StringComparer.Ordinal);
    /// <summary>Requests that left matching, whose other offers the coming pass withdraws.</summary>
    private readonly List<(PendingMatch Pending, string? MatchedVolunteer)> _settled = [];
    /// <summary>The state changed and the coming pass must write it even when it sends no wave.</summary>
    private bool _unsaved;
    private bool _passQueued;
    /// <summary>
    /// Waves and escalations decided but not yet sent. They are sent only after the state holding them is stored, and
    /// stay here when that write fails, so the next successful write sends them instead of leaving them to lapse.
    /// </summary>
    private Plan _planned = new([], []);

    private MatchingOptions Options => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.IndexOf('/');
        if (slash <= 0 || !HelpKinds.TryParse(key[(slash + 1)..], out _kind)) throw new ArgumentException($"Bad matching shard key '{key}'.");
        _region = key[..slash];

        await LoadVillages();
        var villages = _villages.Keys.ToList();
        // Volunteers from villages across the border of the region are indexed too, so a request near the border can
        // go to them; each volunteer's own radius still decides.
        var members = await Task.WhenAll(villages.Select(v => GrainFactory.GetGrain<IVillageGrain>(v).GetMembers()));
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
        if (state.State.Pending.ContainsKey(request.Id) || request.Status is not (RequestStatus.Open or RequestStatus.Offered)) return Task.CompletedTask;
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
        if (!_volunteers.TryGetValue(snapshot.Profile.Id, out var volunteer)) return Task.CompletedTask;
        var waiting = state.State.Pending.Values
            .Where(p => p.Outstanding.Count == 0 && !p.Tried.Contains(volunteer.Id) && _villages.TryGetValue(p.Request.Village, out var at)
                && Eligibility.Check(volunteer, EngineMapping.ToNeed(p.Request, at)) == Ineligibility.None)
            .ToList();
        foreach (var pending in waiting) _due.Add(pending.Request.Id);
        if (waiting.Count > 0) QueuePass();
        return Task.CompletedTask;
    }

    public async Task VolunteerLeft(string volunteerId)
    {
        _volunteers.Remove(volunteerId);
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
        await OfferWaves(state.State.Pending.Values.Where(p => p.Outstanding.Count == 0).ToList());
        await ReopenIfLapsed(affected);
    }

    public async Task Reconcile()
    {
        _lastReconcile = clock.GetUtcNow();
        await LoadVillages();
        var unsettled = (await Task.WhenAll(_regionVillages.Select(v => GrainFactory.GetGrain<IVillageGrain>(v).GetUnsettled())))
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
        if (HasPassWork) await RunPass();
        var now = clock.GetUtcNow();
        // Reconciling must not take the place of the deadline check: with a ReconcileInterval no longer than the
        // TickInterval (or after the clock jumped) every tick would reconcile and no offer would ever lapse.
        if (now - _lastReconcile >= Options.ReconcileInterval)
        {
            await Reconcile();
        }
        foreach (var late in state.State.Pending.Values.Where(p => p.Request.Start <= now).ToList())
        {
            state.State.Pending.Remove(late.Request.Id);
            await state.WriteStateAsync();
            await GrainFactory.GetGrain<ICarerCircleGrain>(late.Request.CircleId).Expire(late.Request.Id);
            await Close(late, null, OfferStatus.Expired);
        }
        var lapsed = new List<PendingMatch>();
        foreach (var pending in state.State.Pending.Values)
        {
            var expired = pending.Outstanding.Values.Where(o => o.ExpiresAt <= now).ToList();
            foreach (var offer in expired)
            {
                pending.Outstanding.Remove(offer.VolunteerId);
                await GrainFactory.GetGrain<IVolunteerGrain>(offer.VolunteerId).WithdrawOffer(offer.OfferId, OfferStatus.Expired);
            }
            if (expired.Count > 0 && pending.Outstanding.Count == 0)
            {
                // Nobody accepted before the deadline: the next wave reaches further.
                pending.Reach = (int)Matching.OfferWaves.Widen((Reach)pending.Reach);
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

    /// <summary>
    /// Sends the next wave of offers for each request that has none outstanding, most urgent first. The waves of one
    /// pass are stored in one write before any offer is delivered (a crash in between re-delivers them at activation):
    /// the shard's state holds every pending request, so a write per request would make a busy pass quadratic.
    /// Returns whether it wrote the state.
    /// </summary>
    private async Task<bool> OfferWaves(IReadOnlyCollection<PendingMatch> candidates)
    {
        await PlanWaves(candidates);
        if (_planned.IsEmpty) return false;
        await state.WriteStateAsync();
        await SendPlanned();
        return true;
    }

    /// <summary>The waves of one pass, and the requests that pass hands to a partner's coordinator.</summary>
    private sealed record Plan(List<PendingMatch> Waves, List<(PendingMatch Pending, string Partner)> Escalations)
    {
        public bool IsEmpty => Waves.Count == 0 && Escalations.Count == 0;
    }

    /// <summary>
    /// Decides the next wave of each request that has none outstanding and adds it to <see cref="_planned"/>; nothing is
    /// stored or sent yet.
    /// </summary>
    private async Task PlanWaves(IReadOnlyCollection<PendingMatch> candidates)
    {
        var plan = _planned;
        var waves = plan.Waves;
        if (candidates.Count == 0) return;
        var now = clock.GetUtcNow();
        IReadOnlyList<PartnerInfo>? partners = null;
        var needs = candidates
            .Where(p => p.Outstanding.Count == 0 && _villages.ContainsKey(p.Request.Village))
            .Select(p => (Pending: p, Need: EngineMapping.ToNeed(p.Request, _villages[p.Request.Village])))
            .OrderBy(x => x.Need, Comparer<HelpNeed>.Create(CandidateRanker.CompareUrgency))
            .ToList();
        // Within one pass a volunteer gets at most one of several overlapping requests, the most urgent, so that the
        // order above decides who is helped first instead of the volunteer's choice between clashing offers.
        var offeredThisPass = new Dictionary<string, List<TimeWindow>>(StringComparer.Ordinal);
        foreach (var (pending, need) in needs)
        {
            // Checked here rather than up front: an earlier occurrence may have got its wave just now, in this pass.
            if (need.Window.Start <= now || WaitsForEarlierOccurrence(pending)) continue;
            var wave = PreferredWave(pending, need);
            if (wave.Count == 0)
            {
                var busy = offeredThisPass.Where(o => o.Value.Any(w => w.Overlaps(need.Window))).Select(o => o.Key).ToList();
                var exclude = new HashSet<string>(pending.Tried.Concat(busy), StringComparer.Ordinal);
                var decision = Matching.OfferWaves.Next(need, pending.Request.Village, _neighbours.GetValueOrDefault(pending.Request.Village, Empty),
                    (Reach)pending.Reach, _volunteers.Values, exclude, Options.WaveSize);
                // Nobody free in this pass only because a more urgent request took them: try again later, don't widen.
                if (busy.Count > 0 && (decision.Wave.Count == 0 || decision.Reach != (Reach)pending.Reach)) continue;
                pending.Reach = (int)decision.Reach;
                wave = decision.Wave.Select(c => c.Volunteer.Id).ToList();
            }
            if (wave.Count == 0)
            {
                if ((Reach)pending.Reach == Reach.Coordinator && pending.EscalatedTo is null)
                {
                    partners ??= await GrainFactory.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetPartners();
                    if (PartnerFor(pending, partners) is { } partner)
                    {
                        pending.EscalatedTo = partner.Id;
                        plan.Escalations.Add((pending, partner.Id));
                    }
                }
                continue;
            }
            foreach (var volunteerId in wave)
            {
                pending.Tried.Add(volunteerId);
                if (!offeredThisPass.TryGetValue(volunteerId, out var windows)) offeredThisPass[volunteerId] = windows = [];
                windows.Add(need.Window);
                pending.Outstanding[volunteerId] = new OutstandingOffer($"{pending.Request.Id}~{volunteerId}", volunteerId, now + Options.OfferTimeout);
            }
            waves.Add(pending);
        }
    }

    /// <summary>
    /// Carries out the plan once it is stored: delivers the waves and tells each circle its request is offered, and puts
    /// the escalated requests in their partner's queue (the circle hears that no volunteer was found).
    /// </summary>
    private async Task SendPlanned()
    {
        var plan = _planned;
        _planned = new Plan([], []);
        if (plan.Waves.Count > 0) await DeliverAll(plan.Waves);
        var offered = plan.Waves.Where(p => p.Outstanding.Count > 0)
            .Select(p => GrainFactory.GetGrain<ICarerCircleGrain>(p.Request.CircleId).Offered(p.Request.Id, p.Outstanding.Keys.ToList()));
        var escalated = plan.Escalations.Select(async e =>
        {
            await GrainFactory.GetGrain<IPartnerGrain>(e.Partner).Escalate(
                new EscalatedRequest(e.Pending.Request, clock.GetUtcNow(), "Geen vrijwilliger gevonden in het dorp, de buurdorpen of de gemeente."));
            await GrainFactory.GetGrain<ICarerCircleGrain>(e.Pending.Request.CircleId).Escalated(e.Pending.Request.Id, e.Partner);
        });
        await Task.WhenAll(offered.Concat(escalated));
    }

    private static readonly IReadOnlySet<string> Empty = new HashSet<string>();

    /// <summary>The volunteer who took an earlier occurrence of the series is asked first, alone.</summary>
    private List<string> PreferredWave(PendingMatch pending, HelpNeed need)
    {
        if (pending.PreferredVolunteer is not { } preferred || pending.Tried.Contains(preferred)
            || !_volunteers.TryGetValue(preferred, out var volunteer) || Eligibility.Check(volunteer, need) != Ineligibility.None)
        {
            return [];
        }
        return [preferred];
    }

    /// <summary>
    /// A series is offered one occurrence at a time while nobody has taken it, so that the volunteer who accepts the
    /// first can be asked for the rest before anyone else.
    /// </summary>
    private bool WaitsForEarlierOccurrence(PendingMatch pending) =>
        pending.Request.SeriesId is { } series && pending.PreferredVolunteer is null
        && state.State.Pending.Values.Any(p => p.Request.SeriesId == series && p.Request.Start < pending.Request.Start && p.Outstanding.Count > 0);

    /// <summary>
    /// Nobody in the municipality can take the request: it goes to the queue of a partner that offers this kind of
    /// help, one working in the request's village before one that works everywhere.
    /// </summary>
    private PartnerInfo? PartnerFor(PendingMatch pending, IReadOnlyList<PartnerInfo> partners)
    {
        return partners
            .Where(p => p.Serves(_kind, pending.Request.Village))
            .OrderBy(p => p.Villages.Count == 0)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>Withdraws the other offers of a request that left matching and takes it out of a coordinator's queue.</summary>
    private async Task Close(PendingMatch pending, string? matchedVolunteerId, OfferStatus reason)
    {
        foreach (var outstanding in pending.Outstanding.Values.Where(o => o.VolunteerId != matchedVolunteerId))
        {
            await GrainFactory.GetGrain<IVolunteerGrain>(outstanding.VolunteerId).WithdrawOffer(outstanding.OfferId, reason);
        }
        if (pending.EscalatedTo is { } partner) await GrainFactory.GetGrain<IPartnerGrain>(partner).Resolve(pending.Request.Id);
    }

    /// <summary>Delivers the outstanding offers of these requests at once and drops the offers volunteers refuse in one write.</summary>
    private async Task DeliverAll(IReadOnlyCollection<PendingMatch> requests)
    {
        var answers = await Task.WhenAll(requests.SelectMany(p => p.Outstanding.Values.ToList()
            .Select(async o => (Pending: p, Offer: o, Taken: await Deliver(p, o)))));
        var refused = answers.Where(a => !a.Taken).ToList();
        foreach (var (pending, offer, _) in refused) pending.Outstanding.Remove(offer.VolunteerId);
        if (refused.Count > 0) await state.WriteStateAsync();
    }

    /// <summary>False only when the volunteer refused the offer; an offer that could not be delivered stays and lapses.</summary>
    private async Task<bool> Deliver(PendingMatch pending, OutstandingOffer outstanding)
    {
        var r = pending.Request;
        var offer = new Offer(outstanding.OfferId, r.Id, r.CircleId, r.Village, r.Kind, r.Start, r.End, r.Needs, OfferStatus.Pending, clock.GetUtcNow());
        try
        {
            return await GrainFactory.GetGrain<IVolunteerGrain>(outstanding.VolunteerId).ReceiveOffer(offer);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not deliver offer {OfferId}; it will lapse and go to the next volunteer", outstanding.OfferId);
            return true;
        }
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
        var all = await GrainFactory.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
        var own = all.Where(v => v.Region == _region).ToList();
        foreach (var village in own)
        {
            _regionVillages.Add(village.Id);
            _neighbours[village.Id] = village.Neighbours.ToHashSet(StringComparer.Ordinal);
        }
        foreach (var village in all)
        {
            var point = new GeoPoint(village.Lat, village.Lon);
            if (village.Region == _region || own.Any(o => new GeoPoint(o.Lat, o.Lon).DistanceKm(point) <= Options.BorderKm))
            {
                _villages[village.Id] = point;
            }
        }
    }
}
