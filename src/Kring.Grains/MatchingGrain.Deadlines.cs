namespace Kring.Grains;

/// <summary>The shard's clock: reconciling with the villages, requests that start unmatched, and offers that lapse.</summary>
public sealed partial class MatchingGrain
{
    private DateTimeOffset _lastReconcile;

    public async Task Reconcile()
    {
        _lastReconcile = clock.GetUtcNow();
        await LoadVillages();
        var unsettled =
            (await Task.WhenAll(_index.RegionVillages.ToList().Select(v => GrainFactory.GetGrain<IVillageGrain>(v).GetUnsettled())))
            .SelectMany(r => r).Where(r => r.Kind == _kind).ToDictionary(r => r.Id);
        var known = unsettled.Keys.Concat(state.State.Pending.Keys).Distinct().ToList();
        var changed = false;
        foreach (var requestId in known)
        {
            changed |= await ReconcileOne(unsettled.GetValueOrDefault(requestId) ?? state.State.Pending[requestId].Request);
        }
        if (changed) await state.WriteStateAsync();
        await OfferWaves(WithoutOffers());
    }

    /// <summary>Brings one request in line with its circle; returns whether the pending requests changed.</summary>
    private async Task<bool> ReconcileOne(RequestSummary summary)
    {
        var requestId = summary.Id;
        var current = await GrainFactory.GetGrain<ICarerCircleGrain>(summary.CircleId).GetRequest(requestId);
        var village = GrainFactory.GetGrain<IVillageGrain>(summary.Village);
        if (current is null)
        {
            await village.Forget(requestId);
            return state.State.Pending.Remove(requestId);
        }
        if (current.Status is RequestStatus.Open or RequestStatus.Offered)
        {
            return state.State.Pending.TryAdd(requestId, new PendingMatch { Request = summary });
        }
        await village.TrackRequest(summary with { Status = current.Status });
        if (state.State.Pending.ContainsKey(requestId)) await RequestSettled(requestId, current.VolunteerId);
        return false;
    }

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
            await state.WriteStateAsync(cancellationToken);
            await GrainFactory.GetGrain<ICarerCircleGrain>(late.Request.CircleId).Expire(late.Request.Id);
            await Close(late, null, OfferStatus.Expired);
        }
        var lapsed = await WithdrawExpiredOffers(now);
        if (lapsed.Count > 0) await state.WriteStateAsync(cancellationToken);
        await OfferWaves(WithoutOffers());
        await ReopenIfLapsed(lapsed);
    }

    /// <summary>Takes back the offers past their deadline; returns the requests left with none, whose reach is widened.</summary>
    private async Task<List<PendingMatch>> WithdrawExpiredOffers(DateTimeOffset now)
    {
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
