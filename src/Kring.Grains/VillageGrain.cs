namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.Village")]
public sealed class VillageState
{
    [Id(0)] public VillageInfo? Info { get; set; }
    /// <summary>Circle id → the carer's age, which is all the village needs to count young carers.</summary>
    [Id(1)] public Dictionary<string, int> Circles { get; set; } = new();
    [Id(2)] public SortedSet<string> Volunteers { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public Dictionary<string, RequestSummary> Requests { get; set; } = new();
    /// <summary>Circle id → when the circle was last heard from.</summary>
    [Id(4)] public Dictionary<string, DateTimeOffset> LastContact { get; set; } = new();
    /// <summary>Erased circles whose access log still holds entries; the retention sweep prunes those logs too.</summary>
    [Id(5)] public SortedSet<string> ErasedCircles { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Initiatives the village contact person added or updated; they replace the seed's of the same name.</summary>
    [Id(6)] public List<Initiative> Initiatives { get; set; } = [];
}

public sealed class VillageGrain(
    [PersistentState("village", KringStorage.Name)] IPersistentState<VillageState> state) : Grain, IVillageGrain
{
    public const int YoungCarerAge = 25;
    private static readonly TimeSpan ContactResolution = TimeSpan.FromHours(1);
    private WriteBehind _writeBehind = null!;
    private Task _repair = Task.CompletedTask;

    /// <summary>
    /// The requests and contacts are written behind, so after a crash the stored view may lag its circles: the village
    /// asks them again. Reads that matching relies on wait for that; the activation itself does not, as a circle may be
    /// waiting on this village.
    /// </summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writeBehind = new WriteBehind(this, () => state.WriteStateAsync(), WriteBehind.DefaultDelay);
        if (state.State.Circles.Count > 0) _repair = Repair();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _writeBehind.Flush(cancellationToken);

    private async Task Repair()
    {
        var traces = await Task.WhenAll(state.State.Circles.Keys.ToList().Select(async c => (Circle: c, Trace: await TraceOf(c))));
        var changed = false;
        foreach (var (circle, trace) in traces)
        {
            foreach (var request in trace.Requests)
            {
                if (state.State.Requests.TryGetValue(request.Id, out var known) && known.Status == request.Status) continue;
                state.State.Requests[request.Id] = request;
                changed = true;
            }
            if (trace.LastContact is { } at && !(state.State.LastContact.TryGetValue(circle, out var seen) && seen >= at))
            {
                state.State.LastContact[circle] = at;
                changed = true;
            }
        }
        if (changed) _writeBehind.Schedule();
    }

    /// <summary>A circle that cannot answer now keeps the view stored; matching's reconcile asks it again later.</summary>
    private async Task<CircleTrace> TraceOf(string circleId)
    {
        try
        {
            return await GrainFactory.GetGrain<ICarerCircleGrain>(circleId).GetTrace();
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            return new CircleTrace([], null);
        }
    }

    public async Task Define(VillageInfo info)
    {
        state.State.Info = info;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).RegisterVillage(Merged(info));
    }

    public Task<VillageInfo?> GetInfo() => Task.FromResult(state.State.Info is { } info ? Merged(info) : null);

    public const int MaxInitiatives = 50;

    public async Task<bool> SaveInitiative(Initiative initiative)
    {
        if (state.State.Info is not { } info) return false;
        var own = state.State.Initiatives;
        own.RemoveAll(i => SameName(i, initiative.Name));
        if (own.Count >= MaxInitiatives)
        {
            throw new LimitReachedException(
                "Er staan al genoeg initiatieven bij dit dorp.", $"Een dorp heeft hooguit {MaxInitiatives} eigen initiatieven.");
        }
        own.Add(initiative);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).RegisterVillage(Merged(info));
        return true;
    }

    public async Task<bool> RemoveInitiative(string name)
    {
        if (state.State.Info is not { } info || state.State.Initiatives.RemoveAll(i => SameName(i, name)) == 0) return false;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).RegisterVillage(Merged(info));
        return true;
    }

    private static bool SameName(Initiative initiative, string name) =>
        string.Equals(initiative.Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The seed's village with the contact person's initiatives in place of the seed's of the same name.</summary>
    private VillageInfo Merged(VillageInfo info) => state.State.Initiatives.Count == 0
        ? info
        : info with
        {
            Initiatives = info.Initiatives.Where(i => !state.State.Initiatives.Any(o => SameName(o, i.Name)))
                .Concat(state.State.Initiatives).ToList(),
        };

    public async Task AddCircle(string circleId, int carerAge)
    {
        if (state.State.Circles.TryGetValue(circleId, out var age) && age == carerAge) return;
        state.State.Circles[circleId] = carerAge;
        await state.WriteStateAsync();
    }

    public async Task AddVolunteer(string volunteerId)
    {
        if (state.State.Volunteers.Add(volunteerId)) await state.WriteStateAsync();
    }

    public Task TrackRequest(RequestSummary request)
    {
        if (state.State.Requests.TryGetValue(request.Id, out var known) && known.Status == request.Status) return Task.CompletedTask;
        state.State.Requests[request.Id] = request;
        _writeBehind.Schedule();
        return Task.CompletedTask;
    }

    public Task TrackContact(string circleId, DateTimeOffset at)
    {
        if (state.State.LastContact.TryGetValue(circleId, out var known) && known >= at - ContactResolution) return Task.CompletedTask;
        state.State.LastContact[circleId] = at;
        _writeBehind.Schedule();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(string CircleId, DateTimeOffset? LastContact)>> GetQuiet(DateTimeOffset since) =>
        Task.FromResult<IReadOnlyList<(string, DateTimeOffset?)>>(state.State.Circles.Keys
            .Select(c => (c, state.State.LastContact.TryGetValue(c, out var at) ? at : (DateTimeOffset?)null))
            .Where(x => x.Item2 is null || x.Item2 < since)
            .OrderBy(x => x.Item2 ?? DateTimeOffset.MinValue)
            .ThenBy(x => x.c, StringComparer.Ordinal)
            .ToList());

    public async Task Forget(string requestId)
    {
        if (state.State.Requests.Remove(requestId)) await state.WriteStateAsync();
    }

    public async Task ForgetCircle(string circleId)
    {
        var s = state.State;
        var changed = s.Circles.Remove(circleId) | s.LastContact.Remove(circleId) | s.ErasedCircles.Add(circleId);
        foreach (var request in s.Requests.Values.Where(r => r.CircleId == circleId).ToList())
        {
            s.Requests[request.Id] = Anonymous(request);
            changed = true;
        }
        if (changed) await state.WriteStateAsync();
    }

    public async Task AnonymiseRequests(IReadOnlyList<string> requestIds)
    {
        var changed = false;
        foreach (var id in requestIds)
        {
            if (state.State.Requests.TryGetValue(id, out var request) && request.CircleId.Length > 0)
            {
                state.State.Requests[id] = Anonymous(request);
                changed = true;
            }
        }
        if (changed) await state.WriteStateAsync();
    }

    public async Task RemoveVolunteer(string volunteerId)
    {
        if (state.State.Volunteers.Remove(volunteerId)) await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> GetErasedCircles() => Task.FromResult<IReadOnlyList<string>>(state.State.ErasedCircles.ToList());

    public async Task DropErasedCircle(string circleId)
    {
        if (state.State.ErasedCircles.Remove(circleId)) await state.WriteStateAsync();
    }

    /// <summary>What the figures need and nothing that points to a household: no circle, needs or earlier helpers.</summary>
    private static RequestSummary Anonymous(RequestSummary r) =>
        r.CircleId.Length == 0 ? r : r with { CircleId = "", Needs = [], PreviousVolunteers = [], Overloaded = false };

    public Task<VillageOverview> GetOverview()
    {
        var requests = state.State.Requests.Values;
        return Task.FromResult(new VillageOverview(
            this.GetPrimaryKeyString(),
            state.State.Info?.Name ?? this.GetPrimaryKeyString(),
            state.State.Circles.Count,
            state.State.Circles.Values.Count(age => age < YoungCarerAge),
            state.State.Volunteers.Count,
            requests.Count(r => r.Status == RequestStatus.Open),
            requests.Count(r => r.Status == RequestStatus.Offered),
            requests.Count(r => r.Status == RequestStatus.Matched)));
    }

    public Task<VillageMembers> GetMembers()
    {
        var info = state.State.Info ?? throw new KeyNotFoundException($"Village '{this.GetPrimaryKeyString()}' is not defined.");
        return Task.FromResult(new VillageMembers(
            Merged(info),
            state.State.Circles.Keys.Order(StringComparer.Ordinal).ToList(),
            state.State.Volunteers.ToList(),
            state.State.Requests.Values.OrderBy(r => r.Start).ToList()));
    }

    public Task<IReadOnlyList<RequestSummary>> GetMatched() =>
        Task.FromResult<IReadOnlyList<RequestSummary>>(state.State.Requests.Values.Where(r => r.Status == RequestStatus.Matched).ToList());

    public async Task<IReadOnlyList<RequestSummary>> GetUnsettled()
    {
        await _repair;
        return state.State.Requests.Values.Where(r => r.Status is RequestStatus.Open or RequestStatus.Offered).ToList();
    }
}
