namespace Kring.Grains;

public sealed partial class CarerCircleGrain
{
    public async Task RecordPast(IReadOnlyList<PastRequest> requests, IReadOnlyList<CheckIn> checkIns)
    {
        var profile = Profile;
        var now = clock.GetUtcNow();
        if (requests.Any(r => r.End > now || r.Status is not (RequestStatus.Completed or RequestStatus.Expired or RequestStatus.Cancelled))
            || checkIns.Any(c => c.At > now))
        {
            throw new ArgumentException("Only a past that has closed can be recorded.", nameof(requests));
        }
        var records = requests.Where(r => !state.State.Requests.ContainsKey(r.Id)).DistinctBy(r => r.Id).Select(Record).ToList();
        // A past is recorded once: a circle that already has check-ins keeps its own.
        var added = state.State.CheckIns.Count == 0 ? checkIns.DistinctBy(c => c.At).ToList() : [];
        if (records.Count == 0 && added.Count == 0) return;

        foreach (var record in records) await Village.TrackRequest(Summary(record));
        foreach (var record in records) state.State.Requests[record.Id] = record;
        foreach (var volunteer in records.Where(r => r.VolunteerId is not null).OrderByDescending(r => r.End).Select(r => r.VolunteerId!))
        {
            if (!state.State.Helpers.Contains(volunteer)) state.State.Helpers.Add(volunteer);
        }
        state.State.CheckIns = [.. state.State.CheckIns.Concat(added).OrderBy(c => c.At)];
        var latest = state.State.CheckIns.LastOrDefault();
        state.State.Overloaded = latest?.Level == BalanceLevel.Overloaded;
        await _writeBehind.WriteNow();
        if (latest is not null && added.Contains(latest)
            && Balance.BalanceCheck.SignalReason(latest, state.State.CheckIns.SkipLast(1).LastOrDefault()) is { } reason)
        {
            await GrainFactory.GetGrain<ISignalsGrain>(DirectoryKeys.Default).Raise(
                new CarerSignal(profile.Id, profile.Village, reason, latest.Score, latest.Level, latest.At));
        }
        var lastContact = records.Select(r => r.CreatedAt).Concat(added.Select(c => c.At)).Max();
        await Village.TrackContact(profile.Id, lastContact);
    }

    private static HelpRequestRecord Record(PastRequest r)
    {
        var history = new List<RequestEvent> { new(r.CreatedAt, RequestStatus.Open, "aangevraagd (demo-geschiedenis)") };
        if (r.MatchedAt is { } matched) history.Add(new(matched, RequestStatus.Matched, "gekoppeld"));
        history.Add(r.Status switch
        {
            RequestStatus.Completed => new(r.End, RequestStatus.Completed, $"afgerond: {r.HoursGiven:0.#} uur"),
            RequestStatus.Cancelled => new(r.CreatedAt + (r.Start - r.CreatedAt) / 2, RequestStatus.Cancelled, "geannuleerd"),
            _ => new(r.Start, RequestStatus.Expired, "verlopen: niemand kon"),
        });
        return new HelpRequestRecord
        {
            Id = r.Id,
            Kind = r.Kind,
            Start = r.Start,
            End = r.End,
            RequestedBy = "demo",
            Status = r.Status,
            VolunteerId = r.VolunteerId,
            CreatedAt = r.CreatedAt,
            History = history,
            HoursGiven = r.HoursGiven,
        };
    }
}
