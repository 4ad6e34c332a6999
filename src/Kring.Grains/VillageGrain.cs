namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.Village")]
public sealed class VillageState
{
    [Id(0)] public VillageInfo? Info { get; set; }
    /// <summary>Circle id → the carer's age, which is all the village needs to count young carers.</summary>
    [Id(1)] public Dictionary<string, int> Circles { get; set; } = new();
    [Id(2)] public SortedSet<string> Volunteers { get; set; } = new(StringComparer.Ordinal);
    /// <summary>
    /// Requests whose circle was erased or that passed their retention, kept anonymous for the figures. The village's
    /// view of its other requests is rebuilt from its circles, so it is never written (earlier versions stored it here).
    /// </summary>
    [Id(3)] public Dictionary<string, RequestSummary> Requests { get; set; } = new();
    /// <summary>Circle id → when the circle was last heard from; rebuilt from the circles, stored with other changes.</summary>
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
    private const int RepairRounds = 5;
    private static readonly TimeSpan RepairPause = TimeSpan.FromSeconds(1);

    /// <summary>The view of every request: the stored anonymous ones and what the circles say.</summary>
    private readonly Dictionary<string, RequestSummary> _requests = new(StringComparer.Ordinal);
    private Task _repair = Task.CompletedTask;
    /// <summary>
    /// Requests that changed while the repair ran (a circle told of them, or they were anonymised or forgotten): newer
    /// than the repair's answers, which skip them.
    /// </summary>
    private HashSet<string>? _trackedDuringRepair;

    /// <summary>
    /// The view of the requests is not stored, so that a request's every step costs the village no write: the village
    /// asks its circles when it activates. Reads wait for that; the activation itself does not, as a circle may be
    /// waiting on this village.
    /// </summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, request) in state.State.Requests.ToList())
        {
            _requests[id] = request;
            if (request.CircleId.Length > 0) state.State.Requests.Remove(id);
        }
        if (state.State.Circles.Count > 0) _repair = Repair();
        return Task.CompletedTask;
    }

    /// <summary>Asks every circle for its requests; a circle that cannot answer now is asked again a moment later.</summary>
    private async Task Repair()
    {
        var circles = state.State.Circles.Keys.ToList();
        _trackedDuringRepair = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < RepairRounds && circles.Count > 0; round++)
        {
            if (round > 0) await Task.Delay(RepairPause);
            var traces = await Task.WhenAll(circles.Select(async c => (Circle: c, Trace: await TraceOf(c))));
            foreach (var (circle, trace) in traces)
            {
                if (trace is null) continue;
                foreach (var request in trace.Requests.Where(r => !_trackedDuringRepair.Contains(r.Id)))
                {
                    _requests[request.Id] = request;
                }
                if (trace.LastContact is { } at && state.State.Circles.ContainsKey(circle)) Heard(circle, at);
            }
            circles = traces.Where(t => t.Trace is null).Select(t => t.Circle).ToList();
        }
        _trackedDuringRepair = null;
    }

    private async Task<CircleTrace?> TraceOf(string circleId)
    {
        try
        {
            return await GrainFactory.GetGrain<ICarerCircleGrain>(circleId).GetTrace();
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            return null;
        }
    }

    private void Heard(string circleId, DateTimeOffset at)
    {
        if (state.State.LastContact.TryGetValue(circleId, out var known) && known >= at - ContactResolution) return;
        state.State.LastContact[circleId] = at;
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
        _requests[request.Id] = request;
        _trackedDuringRepair?.Add(request.Id);
        return Task.CompletedTask;
    }

    public Task TrackContact(string circleId, DateTimeOffset at)
    {
        Heard(circleId, at);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<(string CircleId, DateTimeOffset? LastContact)>> GetQuiet(DateTimeOffset since)
    {
        await _repair;
        return state.State.Circles.Keys
            .Select(c => (c, state.State.LastContact.TryGetValue(c, out var at) ? at : (DateTimeOffset?)null))
            .Where(x => x.Item2 is null || x.Item2 < since)
            .OrderBy(x => x.Item2 ?? DateTimeOffset.MinValue)
            .ThenBy(x => x.c, StringComparer.Ordinal)
            .ToList();
    }

    public async Task Forget(string requestId)
    {
        _requests.Remove(requestId);
        _trackedDuringRepair?.Add(requestId);
        if (state.State.Requests.Remove(requestId)) await state.WriteStateAsync();
    }

    public async Task ForgetCircle(string circleId)
    {
        var s = state.State;
        var changed = s.Circles.Remove(circleId) | s.LastContact.Remove(circleId) | s.ErasedCircles.Add(circleId);
        foreach (var request in _requests.Values.Where(r => r.CircleId == circleId).ToList())
        {
            KeepAnonymous(request);
            changed = true;
        }
        if (changed) await state.WriteStateAsync();
    }

    public async Task AnonymiseRequests(IReadOnlyList<string> requestIds)
    {
        var changed = false;
        foreach (var id in requestIds)
        {
            if (_requests.TryGetValue(id, out var request) && request.CircleId.Length > 0)
            {
                KeepAnonymous(request);
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

    /// <summary>
    /// Keeps what the figures need and nothing that points to a household (no circle, needs or earlier helpers), stored,
    /// as no circle will tell the village of it again.
    /// </summary>
    private void KeepAnonymous(RequestSummary r)
    {
        var anonymous = r with { CircleId = "", Needs = [], PreviousVolunteers = [], Overloaded = false };
        _requests[r.Id] = anonymous;
        _trackedDuringRepair?.Add(r.Id);
        state.State.Requests[r.Id] = anonymous;
    }

    public async Task<VillageOverview> GetOverview()
    {
        await _repair;
        var requests = _requests.Values;
        return new VillageOverview(
            this.GetPrimaryKeyString(),
            state.State.Info?.Name ?? this.GetPrimaryKeyString(),
            state.State.Circles.Count,
            state.State.Circles.Values.Count(age => age < YoungCarerAge),
            state.State.Volunteers.Count,
            requests.Count(r => r.Status == RequestStatus.Open),
            requests.Count(r => r.Status == RequestStatus.Offered),
            requests.Count(r => r.Status == RequestStatus.Matched));
    }

    public async Task<VillageMembers> GetMembers()
    {
        var info = state.State.Info ?? throw new KeyNotFoundException($"Village '{this.GetPrimaryKeyString()}' is not defined.");
        await _repair;
        return new VillageMembers(
            Merged(info),
            state.State.Circles.Keys.Order(StringComparer.Ordinal).ToList(),
            state.State.Volunteers.ToList(),
            _requests.Values.OrderBy(r => r.Start).ToList());
    }

    public Task<IReadOnlyList<string>> GetVolunteers() => Task.FromResult<IReadOnlyList<string>>(state.State.Volunteers.ToList());

    public async Task<IReadOnlyList<RequestSummary>> GetMatched()
    {
        await _repair;
        return _requests.Values.Where(r => r.Status == RequestStatus.Matched).ToList();
    }

    public async Task<IReadOnlyList<RequestSummary>> GetUnsettled()
    {
        await _repair;
        return _requests.Values.Where(r => r.Status is RequestStatus.Open or RequestStatus.Offered).ToList();
    }
}
