using Orleans.Concurrency;

namespace Kring;

/// <summary>A partner organisation. Key: partner id.</summary>
[Alias("kring.IPartnerGrain")]
public interface IPartnerGrain : IGrainWithStringKey
{
    [Alias("Define")] Task Define(PartnerInfo info);
    [Alias("AddVolunteer")] Task AddVolunteer(string volunteerId);
    [Alias("GetInfo"), ReadOnly] Task<PartnerInfo?> GetInfo();
    [Alias("GetVolunteers"), ReadOnly] Task<IReadOnlyList<string>> GetVolunteers();
    /// <summary>Puts a request in the coordinator's queue. Idempotent.</summary>
    [Alias("Escalate")] Task Escalate(EscalatedRequest request);
    /// <summary>Takes a request out of the queue once it is matched or closed. Idempotent.</summary>
    [Alias("Resolve")] Task Resolve(string requestId);
    [Alias("GetQueue"), ReadOnly] Task<IReadOnlyList<EscalatedRequest>> GetQueue();
    [Alias("RemoveVolunteer")] Task RemoveVolunteer(string volunteerId);
}
