using Kring.Grains.Mail;

namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.Partner")]
public sealed class PartnerState
{
    [Id(0)] public PartnerInfo? Info { get; set; }
    [Id(1)] public SortedSet<string> Volunteers { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Requests escalated to the partner's coordinator, by request id.</summary>
    [Id(2)] public Dictionary<string, EscalatedRequest> Queue { get; set; } = new();
    /// <summary>Volunteers' applications waiting for the coordinator, by application id.</summary>
    [Id(3)] public Dictionary<string, VolunteerApplication> Applications { get; set; } = new();
}

public sealed partial class PartnerGrain(
    [PersistentState("partner", KringStorage.Name)] IPersistentState<PartnerState> state,
    TimeProvider clock,
    IPublicAddress links) : Grain, IPartnerGrain
{
    public async Task Define(PartnerInfo info)
    {
        // The seed loads again with every new version; what the municipality's staff changed on the sociale kaart since stays.
        if (info.UpdatedBy is null && state.State.Info is { UpdatedBy: not null } edited)
        {
            info = edited with { Name = info.Name, Municipality = info.Municipality ?? edited.Municipality };
        }
        state.State.Info = info;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).RegisterPartner(info);
    }

    public async Task AddVolunteer(string volunteerId)
    {
        if (state.State.Volunteers.Add(volunteerId)) await state.WriteStateAsync();
    }

    public Task<PartnerInfo?> GetInfo() => Task.FromResult(state.State.Info);

    public Task<IReadOnlyList<string>> GetVolunteers() => Task.FromResult<IReadOnlyList<string>>(state.State.Volunteers.ToList());

    public async Task Escalate(EscalatedRequest request)
    {
        if (!state.State.Queue.TryAdd(request.Request.Id, request)) return;
        await state.WriteStateAsync();
    }

    public async Task Resolve(string requestId)
    {
        if (state.State.Queue.Remove(requestId)) await state.WriteStateAsync();
    }

    public async Task RemoveVolunteer(string volunteerId)
    {
        if (state.State.Volunteers.Remove(volunteerId)) await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<EscalatedRequest>> GetQueue() =>
        Task.FromResult<IReadOnlyList<EscalatedRequest>>(state.State.Queue.Values.OrderBy(q => q.Request.Start).ToList());
}
