using Kring.Grains.Operations;

namespace Kring.Grains;

/// <summary>The shard's clock: reconciling with the villages, requests that start unmatched, and offers that lapse.</summary>
public sealed partial class MatchingGrain
{
    private const int ParallelReconciles = 64;
    private DateTimeOffset _lastReconcile;
    /// <summary>Requests taken back from storage with offers out, which may never have reached their volunteers.</summary>
    private readonly List<PendingMatch> _redeliver = [];

    public Task Reconcile() => Reconcile(everything: false);

    /// <param name="everything">
    /// Also ask the circles about the requests on which the villages and this shard agree; done at activation. Otherwise
    /// only where they disagree, so a shard with tens of thousands pending does not ask every circle every minute.
    /// </param>
    private async Task Reconcile(bool everything)
    {
        _lastReconcile = clock.GetUtcNow();
        await LoadVillages();
        var unsettled =
            (await Task.WhenAll(_index.RegionVillages.ToList().Select(v => GrainFactory.GetGrain<IVillageGrain>(v).GetUnsettled())))
            .SelectMany(r => r).Where(r => !r.HeldForOwnCircle(_lastReconcile)).ToDictionary(r => r.Id);
        var known = unsettled.Keys.Concat(_pending.Keys).Distinct()
            .Where(id => everything || unsettled.ContainsKey(id) != _pending.ContainsKey(id)).ToList();
        for (var i = 0; i < known.Count; i += ParallelReconciles)
        {
            await Task.WhenAll(known.Skip(i).Take(ParallelReconciles)
                .Select(id => ReconcileOne(unsettled.GetValueOrDefault(id) ?? _pending[id].Request)));
        }
        // Delivering again is harmless: a volunteer who has the offer keeps it as it is.
        var redeliver = _redeliver.Where(p => _pending.ContainsKey(p.Request.Id)).ToList();
        _redeliver.Clear();
        await DeliverAll(redeliver);
        await OfferWaves(WithoutOffers());
    }

    /// <summary>Brings one request in line with its circle.</summary>
    private async Task ReconcileOne(RequestSummary summary)
    {
        var requestId = summary.Id;
        var current = await GrainFactory.GetGrain<ICarerCircleGrain>(summary.CircleId).GetRequest(requestId);
        var village = GrainFactory.GetGrain<IVillageGrain>(summary.Village);
        if (current is null)
        {
            await village.Forget(requestId);
            if (_pending.Remove(requestId, out var gone)) Changed(gone);
            _nobody.Remove(requestId);
            return;
        }
        if (current.Status is RequestStatus.Open or RequestStatus.Offered)
        {
            if (_pending.ContainsKey(requestId)) return;
            var restored = await Restore(summary);
            if (_pending.ContainsKey(requestId)) return;
            var pending = restored ?? new PendingMatch { Request = summary };
            _pending[requestId] = pending;
            if (restored is null) Changed(pending);
            else if (restored.Outstanding.Count > 0) _redeliver.Add(restored);
            return;
        }
        await village.TrackRequest(summary with { Status = current.Status });
        if (_pending.ContainsKey(requestId)) await RequestSettled(requestId, current.VolunteerId);
    }

    private async Task Tick(CancellationToken cancellationToken)
    {
        if (_due.Count > 0 || _settled.Count > 0) await RunPass();
        var now = clock.GetUtcNow();
        // Reconciling must not take the place of the deadline check: with a ReconcileInterval no longer than the
        // TickInterval (or after the clock jumped) every tick would reconcile and no offer would ever lapse.
        if (now - _lastReconcile >= Options.ReconcileInterval)
        {
            await Reconcile();
        }
        foreach (var late in _pending.Values.Where(p => p.Request.Start <= now).ToList())
        {
            _pending.Remove(late.Request.Id);
            _nobody.Remove(late.Request.Id);
            Changed(late);
            await GrainFactory.GetGrain<ICarerCircleGrain>(late.Request.CircleId).Expire(late.Request.Id);
            await Close(late, null, OfferStatus.Expired);
        }
        var lapsed = await WithdrawExpiredOffers(now);
        Changed(lapsed);
        await OfferWaves(WithoutOffers());
        await ReopenIfLapsed(lapsed);
        metrics.ShardRead(_region, Reading(clock.GetUtcNow()));
    }

    /// <summary>The backlog as operators see it; requests held by a partner's coordinator count as pending too.</summary>
    private ShardReading Reading(DateTimeOffset now) => new(
        _pending.Count,
        _pending.Count == 0 ? null : _pending.Values.Min(p => p.Request.CreatedAt),
        _pending.Count == 0 ? null : _pending.Values.Min(p => p.Request.Start),
        _pending.Values.Count(p => p.Request.Start > now && p.Request.Start - now <= TimeSpan.FromHours(24)));

    /// <summary>Takes back the offers past their deadline; returns the requests left with none, whose reach is widened.</summary>
    private async Task<List<PendingMatch>> WithdrawExpiredOffers(DateTimeOffset now)
    {
        var lapsed = new List<PendingMatch>();
        foreach (var pending in _pending.Values)
        {
            var expired = pending.Outstanding.Values.Where(o => o.ExpiresAt <= now).ToList();
            if (expired.Count > 0)
            {
                metrics.OffersLapsed(_region, pending.Request.Kind, expired.Count);
                TallyLapsed(expired.Count);
            }
            foreach (var offer in expired)
            {
                pending.Outstanding.Remove(offer.VolunteerId);
                await GrainFactory.GetGrain<IVolunteerGrain>(offer.VolunteerId).WithdrawOffer(offer.OfferId, OfferStatus.Expired);
            }
            if (expired.Count > 0 && pending.Outstanding.Count == 0)
            {
                // Nobody accepted before the deadline: the next wave reaches further.
                pending.Reach = (int)Matching.OfferWaves.Widen((Matching.Reach)pending.Reach);
                lapsed.Add(pending);
            }
        }
        return lapsed;
    }

    /// <summary>All offers lapsed or were declined and no new wave went out: the request is open again.</summary>
    private async Task ReopenIfLapsed(IEnumerable<PendingMatch> lapsed)
    {
        foreach (var pending in lapsed.Distinct().Where(p => p.Outstanding.Count == 0))
        {
            await GrainFactory.GetGrain<ICarerCircleGrain>(pending.Request.CircleId).MarkOffered(pending.Request.Id, false);
        }
    }
}
