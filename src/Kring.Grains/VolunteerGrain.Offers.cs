using System.Security.Cryptography;
using System.Text;
using Kring.Grains.Mail;

namespace Kring.Grains;

/// <summary>The volunteer's offers: received from matching, answered in the app or through a mail's link, withdrawn.</summary>
public sealed partial class VolunteerGrain
{
    public async Task<bool> ReceiveOffer(Offer offer)
    {
        if (state.State.ErasedAt is not null) return false;
        // A withdrawn offer that comes again is asked anew: a revised plan took it back, and a later wave needs them after all.
        if (state.State.Offers.TryGetValue(offer.Id, out var known) && known.Status != OfferStatus.Withdrawn)
        {
            // A repeated delivery (the shard retried after a failure) queues the mail again; the outbox keeps one.
            if (known.Status == OfferStatus.Pending) await QueueOfferMail(known);
            return known.Status is OfferStatus.Pending or OfferStatus.Accepting or OfferStatus.Accepted;
        }
        if (state.State.WithdrewFrom.Contains(offer.RequestId) || CannotTake(offer.Start, offer.End)) return false;
        PruneClosedOffers();
        var stored =
            offer with { Status = OfferStatus.Pending, AnswerToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) };
        // Not written at once: should this grain stop before the write, the shard still holds the offer and delivers it again.
        state.State.Offers[offer.Id] = stored;
        _writeBehind.Schedule();
        await QueueOfferMail(stored);
        return true;
    }

    public async Task<LinkedOffer?> GetOfferByLink(string offerId, string token)
    {
        if (!TryLink(offerId, token, out var offer)) return null;
        return new LinkedOffer(offer with { AnswerToken = null }, await VillageName(offer.Village), offer.OfferedAt
            + options.Value.OfferTimeout);
    }

    public Task<OfferReply> AnswerByLink(string offerId, string token, bool accept) =>
        !TryLink(offerId, token, out _) ? Task.FromResult(OfferReply.NotFound) : accept ? Accept(offerId) : Decline(offerId);

    private bool TryLink(string offerId, string token, out Offer offer)
    {
        offer = null!;
        if (!state.State.Offers.TryGetValue(offerId, out var known) || known.AnswerToken is not { } expected) return false;
        var ok = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(token ?? ""));
        if (ok) offer = known;
        return ok;
    }

    /// <summary>Queues the offer's mail before the offer is acknowledged, when the volunteer wants offers by mail.</summary>
    private async Task QueueOfferMail(Offer offer)
    {
        if (state.State.Profile is not { Contact: { Email: { Length: > 0 } email, OffersByMail: true } contact } profile) return;
        var mail = MailTexts.Offer(offer, email, contact, MailTexts.FirstName(profile.DisplayName), await VillageName(offer.Village),
            links.Base,
            this.GetPrimaryKeyString(), offer.OfferedAt + options.Value.OfferTimeout, clock.GetUtcNow());
        await GrainFactory.GetGrain<IMailOutboxGrain>(MailOutboxes.For(email)).Queue(mail);
    }

    private Dictionary<string, string>? _villageNames;

    private async Task<string> VillageName(string villageId)
    {
        _villageNames ??= (await GrainFactory.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages())
            .ToDictionary(v => v.Id, v => v.Name);
        return _villageNames.GetValueOrDefault(villageId, villageId);
    }

    public Task<bool> WithdrawOffer(string offerId, OfferStatus reason)
    {
        if (!state.State.Offers.TryGetValue(offerId, out var offer)) return Task.FromResult(true);
        if (offer.Status != OfferStatus.Pending)
        {
            return Task.FromResult(offer.Status is not (OfferStatus.Accepting or OfferStatus.Accepted));
        }
        state.State.Offers[offerId] = offer with { Status = reason == OfferStatus.Expired ? OfferStatus.Expired : OfferStatus.Withdrawn };
        _writeBehind.Schedule();
        return Task.FromResult(true);
    }

    /// <summary>An offer past its deadline shows as expired, also when the shard's word of it has not come (yet).</summary>
    public Task<IReadOnlyList<Offer>> GetOffers()
    {
        var lapsedBefore = clock.GetUtcNow() - options.Value.OfferTimeout;
        return Task.FromResult<IReadOnlyList<Offer>>(state.State.Offers.Values
            .Select(o => o.Status == OfferStatus.Pending && o.OfferedAt <= lapsedBefore ? o with { Status = OfferStatus.Expired } : o)
            .OrderBy(o => o.Start).ToList());
    }

    /// <summary>
    /// Withdrawals are written behind, so offers stored as pending before this grain stopped may belong to requests that
    /// have left matching since: their circles say so.
    /// </summary>
    private async Task DropSettledOffers(CancellationToken cancellationToken)
    {
        foreach (var offer in state.State.Offers.Values.Where(o => o.Status == OfferStatus.Pending).ToList())
        {
            var request = await GrainFactory.GetGrain<ICarerCircleGrain>(offer.CircleId).GetRequest(offer.RequestId);
            if (request?.Status is RequestStatus.Open or RequestStatus.Offered
                || state.State.Offers.GetValueOrDefault(offer.Id)?.Status != OfferStatus.Pending) continue;
            state.State.Offers[offer.Id] = offer with { Status = OfferStatus.Withdrawn };
            _writeBehind.Schedule();
        }
    }

    public async Task<OfferReply> Accept(string offerId)
    {
        if (!state.State.Offers.TryGetValue(offerId, out var offer)) return OfferReply.NotFound;
        switch (offer.Status)
        {
            case OfferStatus.Accepted: return OfferReply.AlreadyAccepted;
            case OfferStatus.Declined: return OfferReply.AlreadyDeclined;
            case OfferStatus.Withdrawn: return OfferReply.Withdrawn;
            case OfferStatus.Expired: return OfferReply.Expired;
            case OfferStatus.Pending:
                if (CannotTake(offer.Start, offer.End))
                {
                    // The volunteer cannot take it any more, so the request must not wait for this offer to lapse.
                    state.State.Offers[offerId] = offer with { Status = OfferStatus.Declined };
                    await _writeBehind.WriteNow();
                    NotifyDeclined(offer);
                    return OfferReply.ScheduleConflict;
                }
                offer = offer with { Status = OfferStatus.Accepting };
                state.State.Offers[offerId] = offer;
                await _writeBehind.WriteNow();
                break;
        }
        return await Confirm(offer);
    }

    public async Task<OfferReply> Decline(string offerId)
    {
        if (!state.State.Offers.TryGetValue(offerId, out var offer)) return OfferReply.NotFound;
        switch (offer.Status)
        {
            case OfferStatus.Declined: return OfferReply.AlreadyDeclined;
            case OfferStatus.Accepted or OfferStatus.Accepting: return OfferReply.AlreadyAccepted;
            case OfferStatus.Withdrawn: return OfferReply.Withdrawn;
            case OfferStatus.Expired: return OfferReply.Expired;
        }
        state.State.Offers[offerId] = offer with { Status = OfferStatus.Declined };
        await _writeBehind.WriteNow();
        NotifyDeclined(offer);
        return OfferReply.Declined;
    }

    private void PruneClosedOffers()
    {
        var cutoff = clock.GetUtcNow() - KeepClosedOffers;
        foreach (var stale in state.State.Offers.Values
            .Where(o => o.Status is OfferStatus.Declined or OfferStatus.Withdrawn or OfferStatus.Expired && o.End < cutoff).ToList())
        {
            state.State.Offers.Remove(stale.Id);
        }
    }
}
