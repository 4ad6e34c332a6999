namespace Kring.Grains;

/// <summary>Leaving Kring and forgetting: the volunteer's erasure, a circle's erasure, and the retention of old history.</summary>
public sealed partial class VolunteerGrain
{
    public async Task Erase(string by)
    {
        var s = state.State;
        var me = this.GetPrimaryKeyString();
        if (s.ErasedAt is null)
        {
            if (s.Profile is not { } profile) throw new KeyNotFoundException($"Volunteer '{me}' is not registered.");
            var now = clock.GetUtcNow();
            // Out of the shards' indexes first, so the bookings given back below are not offered to this volunteer again.
            NotifyLeft();
            var pending = s.Offers.Values.Where(o => o.Status == OfferStatus.Pending).ToList();
            foreach (var offer in pending) s.Offers[offer.Id] = offer with { Status = OfferStatus.Declined };
            if (pending.Count > 0) await _writeBehind.WriteNow();
            foreach (var offer in pending) NotifyDeclined(offer);

            // Each circle lets go before this grain forgets the booking, as with a coordinator's unassign.
            var promised = s.Assignments.Select(a => (a.RequestId, a.CircleId, a.Start))
                .Concat(s.Offers.Values.Where(o => o.Status == OfferStatus.Accepting).Select(o => (o.RequestId, o.CircleId, o.Start)));
            var why = profile.OwnCircleId is null ? "de vrijwilliger heeft Kring verlaten" : "hoort niet meer bij de eigen kring";
            foreach (var (requestId, circleId, start) in promised.Where(p => p.Start > now).Distinct().ToList())
            {
                await GrainFactory.GetGrain<ICarerCircleGrain>(circleId).Unmatch(requestId, me, by, why);
            }
            await GrainFactory.GetGrain<IVillageGrain>(profile.HomeVillage).RemoveVolunteer(me);
            if (profile.PartnerId is { } partner) await GrainFactory.GetGrain<IPartnerGrain>(partner).RemoveVolunteer(me);

            s.Profile = null;
            s.Availability = new AvailabilityDto([], [], true);
            s.Offers.Clear();
            s.Assignments.Clear();
            s.ErasedAt = now;
            await _writeBehind.WriteNow();
        }
        NotifyLeft();
    }

    public async Task ForgetCircle(string circleId)
    {
        var offers = state.State.Offers.Values.Where(o => o.CircleId == circleId).ToList();
        if (offers.Count == 0) return;
        foreach (var offer in offers) state.State.Offers.Remove(offer.Id);
        await _writeBehind.WriteNow();
        // An accept still waiting for the circle held time, which is free now.
        if (offers.Any(o => o.Status == OfferStatus.Accepting)) NotifyMatching();
    }

    public async Task<int> RemoveHistory(DateTimeOffset before)
    {
        var assignments = state.State.Assignments.RemoveAll(a => a.End < before);
        var offers = state.State.Offers.Values
            .Where(o => o.Status is not (OfferStatus.Pending or OfferStatus.Accepting) && o.End < before)
            .Select(o => o.Id).ToList();
        foreach (var id in offers) state.State.Offers.Remove(id);
        if (assignments + offers.Count > 0) await _writeBehind.WriteNow();
        return assignments;
    }
}
