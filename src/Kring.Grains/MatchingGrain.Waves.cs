using Kring.Matching.Waves;

namespace Kring.Grains;

/// <summary>The shard's waves: the engine's <see cref="WavePass"/> chooses them, this part stores and sends them.</summary>
public sealed partial class MatchingGrain
{
    private const string EscalationReason = "Geen vrijwilliger gevonden in het dorp, de buurdorpen of de gemeente.";

    /// <summary>
    /// The waves of one pass, the offers it takes back because a revised plan needs their volunteers elsewhere, and the
    /// requests it hands to a partner's coordinator.
    /// </summary>
    private sealed record Plan(
        List<PendingMatch> Waves, List<(PendingMatch Pending, OutstandingOffer Offer)> Withdrawn,
        List<(PendingMatch Pending, string Partner)> Escalations, List<PendingMatch> Waiting);

    /// <summary>Sends the next wave of offers for each request that has none outstanding, most urgent first.</summary>
    private async Task OfferWaves(IReadOnlyCollection<PendingMatch> candidates) => await Send(await PlanWaves(candidates));

    /// <summary>
    /// Plans the next wave of each request that has none outstanding, together with the requests whose young offers
    /// nobody has answered yet (see <see cref="MatchingOptions.RevisionWindow"/>), and marks the requests changed;
    /// nothing is sent yet.
    /// </summary>
    private async Task<Plan> PlanWaves(IReadOnlyCollection<PendingMatch> candidates)
    {
        var plan = new Plan([], [], [], []);
        var due = candidates.Where(p => p.Outstanding.Count == 0 && _index.TryLocate(p.Request.Village, out _)).ToList();
        if (due.Count == 0) return plan;
        var now = clock.GetUtcNow();
        var revisable = Revisable(due, now);
        var byId = due.Concat(revisable).ToDictionary(p => p.Request.Id, StringComparer.Ordinal);
        var busy = _pending.Values.Where(p => !revisable.Contains(p))
            .SelectMany(p => p.Outstanding.Keys.Select(v => (v, new Matching.TimeWindow(p.Request.Start, p.Request.End))));
        var offeredSeries = _pending.Values
            .Where(p => p.Request.SeriesId is not null && p.Outstanding.Count > 0)
            .Select(p => (p.Request.SeriesId!, p.Request.Start));
        var pass = new WavePass(_index, Options.WaveSize, now, offeredSeries, busy);
        IReadOnlyList<PartnerInfo>? partners = null;
        foreach (var choice in pass.Plan(byId.Values.Select(WaveRequestOf)))
        {
            var pending = byId[choice.Request.Need.Id];
            if (choice.Keep) continue;
            if (pending.Reach != (int)choice.Reach)
            {
                pending.Reach = (int)choice.Reach;
                Changed(pending);
            }
            if (choice.Waits)
            {
                Revise(pending, [], plan.Withdrawn);
                Changed(pending);
                plan.Waiting.Add(pending);
                continue;
            }
            if (!choice.FoundNobody)
            {
                _nobody.Remove(pending.Request.Id);
                Revise(pending, choice.Volunteers, plan.Withdrawn);
                AddWave(pending, choice.Volunteers, now);
                Changed(pending);
                plan.Waves.Add(pending);
                continue;
            }
            _nobody.Add(pending.Request.Id);
            if (choice.Reach != Matching.Reach.Coordinator || pending.EscalatedTo is not null) continue;
            partners ??= await GrainFactory.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetPartners();
            if (PartnerFor(pending, partners, _region) is { } partner)
            {
                pending.EscalatedTo = partner.Id;
                Changed(pending);
                plan.Escalations.Add((pending, partner.Id));
            }
        }
        return plan;
    }

    /// <summary>
    /// Requests whose offers went out within the revision window and that overlap a due request: the pass may move their
    /// unanswered offers to a volunteer the due request cannot do without.
    /// </summary>
    private HashSet<PendingMatch> Revisable(List<PendingMatch> due, DateTimeOffset now)
    {
        var windows = due.Select(p => new Matching.TimeWindow(p.Request.Start, p.Request.End)).ToList();
        var sentAfter = now - Options.RevisionWindow + Options.OfferTimeout;
        return _pending.Values
            .Where(p => p.Outstanding.Count > 0 && p.Outstanding.Values.All(o => o.ExpiresAt > sentAfter)
                && (p.PreferredVolunteer is null || !p.Outstanding.ContainsKey(p.PreferredVolunteer))
                && _index.TryLocate(p.Request.Village, out _)
                && windows.Any(new Matching.TimeWindow(p.Request.Start, p.Request.End).Overlaps))
            .ToHashSet();
    }

    private WaveRequest WaveRequestOf(PendingMatch pending)
    {
        _index.TryLocate(pending.Request.Village, out var at);
        return new WaveRequest(EngineMapping.ToNeed(pending.Request, at), pending.Request.Village, (Matching.Reach)pending.Reach,
            pending.Tried, pending.PreferredVolunteer, pending.Request.SeriesId)
        {
            Offered = pending.Outstanding.Keys.Order(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>
    /// Takes back the offers of a revised request whose volunteers the new wave leaves out. Nobody answered them, so they
    /// count as not asked: should the new wave fail, they can be asked again.
    /// </summary>
    private static void Revise(PendingMatch pending, IReadOnlyList<string> wave, List<(PendingMatch, OutstandingOffer)> withdrawn)
    {
        foreach (var gone in pending.Outstanding.Values.Where(o => !wave.Contains(o.VolunteerId)).ToList())
        {
            pending.Outstanding.Remove(gone.VolunteerId);
            pending.Tried.Remove(gone.VolunteerId);
            withdrawn.Add((pending, gone));
        }
    }

    /// <summary>
    /// The volunteer accepted a revised request's offer before its withdrawal came, so they keep it: the offers this plan
    /// gives them at that time are not sent, and their requests go to the next pass.
    /// </summary>
    private void AcceptedMeanwhile(PendingMatch revised, string volunteerId, Plan plan)
    {
        var window = new Matching.TimeWindow(revised.Request.Start, revised.Request.End);
        _index.Commit(volunteerId, window);
        foreach (var pending in plan.Waves.Where(p => p != revised && p.Outstanding.ContainsKey(volunteerId)
            && window.Overlaps(new Matching.TimeWindow(p.Request.Start, p.Request.End))))
        {
            pending.Outstanding.Remove(volunteerId);
            pending.Tried.Remove(volunteerId);
            Changed(pending);
            if (pending.Outstanding.Count > 0) continue;
            _due.Add(pending.Request.Id);
            QueuePass();
        }
    }

    private void AddWave(PendingMatch pending, IReadOnlyList<string> volunteers, DateTimeOffset now)
    {
        var fresh = volunteers.Where(v => !pending.Outstanding.ContainsKey(v)).ToList();
        if (fresh.Count > 0) metrics.Wave(_region, pending.Request.Kind, ReachName(pending.Reach), fresh.Count);
        foreach (var volunteerId in fresh)
        {
            pending.Tried.Add(volunteerId);
            var offerId = $"{pending.Request.Id}~{volunteerId}";
            pending.Outstanding[volunteerId] = new OutstandingOffer(offerId, volunteerId, now + Options.OfferTimeout);
        }
    }

    /// <summary>
    /// Carries out the plan: delivers the waves and tells each circle its request is offered, and puts the escalated
    /// requests in their partner's queue (the circle hears that no volunteer was found). Nothing waits for a write first:
    /// should the shard stop now, its volunteers still hold the offers, the circle still decides who is first, and
    /// reconciling offers what the shard forgot again.
    /// </summary>
    private async Task Send(Plan plan)
    {
        var withdrawals = await Task.WhenAll(plan.Withdrawn.Select(async w => (w.Pending, w.Offer.VolunteerId,
            Done: await GrainFactory.GetGrain<IVolunteerGrain>(w.Offer.VolunteerId)
                .WithdrawOffer(w.Offer.OfferId, OfferStatus.Withdrawn))));
        foreach (var (revised, volunteerId, _) in withdrawals.Where(w => !w.Done)) AcceptedMeanwhile(revised, volunteerId, plan);
        if (plan.Waves.Count > 0) await DeliverAll(plan.Waves);
        var offered = plan.Waves.Where(p => p.Outstanding.Count > 0)
            .Select(p => GrainFactory.GetGrain<ICarerCircleGrain>(p.Request.CircleId).Offered(p.Request.Id, p.Outstanding.Keys.ToList()));
        var escalated = plan.Escalations.Select(async e =>
        {
            var request = e.Pending.Request;
            await GrainFactory.GetGrain<IPartnerGrain>(e.Partner)
                .Escalate(new EscalatedRequest(request, clock.GetUtcNow(), EscalationReason));
            await GrainFactory.GetGrain<ICarerCircleGrain>(request.CircleId).Escalated(request.Id, e.Partner);
        });
        await Task.WhenAll(offered.Concat(escalated));
        await ReopenIfLapsed(plan.Waiting);
    }

    private static string ReachName(int reach) => ((Matching.Reach)reach).ToString().ToLowerInvariant();

    /// <summary>
    /// Nobody in the municipality can take the request: it goes to the queue of a partner that offers this kind of
    /// help, one working in the request's village before one that works everywhere.
    /// </summary>
    private static PartnerInfo? PartnerFor(PendingMatch pending, IReadOnlyList<PartnerInfo> partners, string municipality) =>
        partners
            .Where(p => p.Serves(pending.Request.Kind, pending.Request.Village, municipality))
            .OrderBy(p => p.Villages.Count == 0)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .FirstOrDefault();
}
