using Microsoft.Extensions.Logging;

namespace Kring.Grains;

/// <summary>The shard's messages to volunteers and partners: offers delivered, and taken back when a request leaves.</summary>
public sealed partial class MatchingGrain
{
    /// <summary>Withdraws the other offers of a request that left matching and takes it out of a coordinator's queue.</summary>
    private async Task Close(PendingMatch pending, string? matchedVolunteerId, OfferStatus reason)
    {
        foreach (var outstanding in pending.Outstanding.Values.Where(o => o.VolunteerId != matchedVolunteerId))
        {
            await GrainFactory.GetGrain<IVolunteerGrain>(outstanding.VolunteerId).WithdrawOffer(outstanding.OfferId, reason);
        }
        if (pending.EscalatedTo is { } partner) await GrainFactory.GetGrain<IPartnerGrain>(partner).Resolve(pending.Request.Id);
    }

    /// <summary>Delivers the outstanding offers of these requests at once and drops the offers volunteers refuse.</summary>
    private async Task DeliverAll(IReadOnlyCollection<PendingMatch> requests)
    {
        var answers = await Task.WhenAll(requests.SelectMany(p => p.Outstanding.Values.ToList()
            .Select(async o => (Pending: p, Offer: o, Taken: await Deliver(p, o)))));
        foreach (var (pending, offer, _) in answers.Where(a => !a.Taken))
        {
            pending.Outstanding.Remove(offer.VolunteerId);
            Changed(pending);
            // Refused by everyone it went to (their time was taken meanwhile): the next wave goes in the next pass, not at
            // the next tick.
            if (pending.Outstanding.Count == 0 && _pending.ContainsKey(pending.Request.Id))
            {
                _due.Add(pending.Request.Id);
                QueuePass();
            }
        }
    }

    /// <summary>False only when the volunteer refused the offer; an offer that could not be delivered stays and lapses.</summary>
    private async Task<bool> Deliver(PendingMatch pending, OutstandingOffer outstanding)
    {
        var r = pending.Request;
        var offer = new Offer(outstanding.OfferId, r.Id, r.CircleId, r.Village, r.Kind, r.Start, r.End, r.Needs, OfferStatus.Pending,
            clock.GetUtcNow());
        try
        {
            return await GrainFactory.GetGrain<IVolunteerGrain>(outstanding.VolunteerId).ReceiveOffer(offer);
        }
        catch (Exception e)
        {
            LogUndelivered(logger, e, outstanding.OfferId);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver offer {OfferId}; it will lapse and go to the next volunteer")]
    private static partial void LogUndelivered(ILogger logger, Exception exception, string offerId);
}
