namespace Kring.Grains;

/// <summary>Erasing the circle and removing its old history.</summary>
public sealed partial class CarerCircleGrain
{
    public const string ErasureNote = "geannuleerd: de kring is gewist";

    public async Task<IReadOnlyList<string>> Erase(string by)
    {
        var s = state.State;
        if (s.Profile is not { } profile) throw new KeyNotFoundException($"Circle '{this.GetPrimaryKeyString()}' is not registered.");
        if (s.ErasedAt is null)
        {
            var now = clock.GetUtcNow();
            foreach (var record in s.Requests.Values)
            {
                // A booking that already began stays as it was; everything still to come is cancelled.
                var cancel = record.Status is RequestStatus.Open or RequestStatus.Offered
                    || (record.Status == RequestStatus.Matched && record.Start > now);
                if (cancel)
                {
                    if (record.Status == RequestStatus.Matched && record.VolunteerId is { } volunteer) s.ReleasedOnErasure.Add(volunteer);
                    record.Status = RequestStatus.Cancelled;
                    record.History.Add(new RequestEvent(now, RequestStatus.Cancelled, ErasureNote));
                    s.CancelledOnErasure.Add(record.Id);
                }
                record.Needs = [];
                record.Notes = null;
                record.RequestedBy = "";
                // The history's texts name people (who asked, a coordinator's reason); its steps stay.
                record.History = record.History.Select(e => e with { What = e.What == ErasureNote ? e.What : "" }).ToList();
            }
            s.Profile = new CircleProfile(profile.Id, profile.Village, "", 0, "", "", [], null, null);
            s.Helpers.Clear();
            s.Members.Clear();
            s.CheckIns.Clear();
            s.Contacts.Clear();
            s.Professionals.Clear();
            s.VisibleToKeyFigures = false;
            s.Overloaded = false;
            s.ErasedAt = now;
            await _writeBehind.WriteNow();
        }
        // Repeated on every call, so an erasure that stopped half-way is finished by the next one.
        foreach (var id in s.CancelledOnErasure)
        {
            var record = s.Requests[id];
            await Village.TrackRequest(Summary(record));
            NotifySettled(record);
        }
        await Village.ForgetCircle(this.GetPrimaryKeyString());
        await GrainFactory.GetGrain<ISignalsGrain>(DirectoryKeys.Default).Forget(this.GetPrimaryKeyString());
        return s.ReleasedOnErasure.Distinct().ToList();
    }

    public Task<IReadOnlyList<string>> OfferedVolunteers() => Task.FromResult<IReadOnlyList<string>>(
        state.State.OfferedTo.Concat(state.State.Requests.Values.Select(r => r.VolunteerId).OfType<string>()).Distinct()
            .Order(StringComparer.Ordinal).ToList());

    public async Task<int> RemoveClosedRequests(DateTimeOffset closedBefore)
    {
        if (state.State.Profile is null) return 0;
        var now = clock.GetUtcNow();
        var old = state.State.Requests.Values.Where(r => ClosedAt(r, now) is { } closed && closed < closedBefore).Select(r => r.Id)
            .ToList();
        if (old.Count == 0) return 0;
        // The village keeps them as anonymous counts first, so a crash in between never leaves them identifiable there.
        await Village.AnonymiseRequests(old);
        foreach (var id in old) state.State.Requests.Remove(id);
        await _writeBehind.WriteNow();
        return old.Count;
    }

    /// <summary>When a request closed: the later of its end and its last step; null while it is still open or to come.</summary>
    private static DateTimeOffset? ClosedAt(HelpRequestRecord r, DateTimeOffset now)
    {
        var last = r.History.Count > 0 ? r.History.Max(e => e.At) : r.CreatedAt;
        return r.Status switch
        {
            RequestStatus.Matched or RequestStatus.Completed when r.End <= now => r.End > last ? r.End : last,
            RequestStatus.Cancelled or RequestStatus.Expired => r.End > last ? r.End : last,
            _ => null,
        };
    }
}
