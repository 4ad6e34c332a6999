using Orleans.Concurrency;

namespace Kring;

/// <summary>One village (dorp). Key: village id, such as "elsloo".</summary>
[Alias("kring.IVillageGrain")]
public interface IVillageGrain : IGrainWithStringKey
{
    [Alias("Define")] Task Define(VillageInfo info);
    /// <summary>The village, with the initiatives as the contact person keeps them.</summary>
    [Alias("GetInfo"), ReadOnly] Task<VillageInfo?> GetInfo();
    /// <summary>
    /// Adds an initiative, or updates the one of the same name (the seed's too); false for a village not defined. The
    /// directory's copy of the village follows.
    /// </summary>
    [Alias("SaveInitiative")] Task<bool> SaveInitiative(Initiative initiative);
    /// <summary>Removes an initiative the contact person added or updated (a seed's one comes back); false when there was none.</summary>
    [Alias("RemoveInitiative")] Task<bool> RemoveInitiative(string name);
    [Alias("AddCircle")] Task AddCircle(string circleId, int carerAge);
    [Alias("AddVolunteer")] Task AddVolunteer(string volunteerId);
    /// <summary>
    /// Records the request as its circle reports it, replacing the earlier report (the last one wins). Kept in memory
    /// only: the village asks its circles again when it activates.
    /// </summary>
    [Alias("TrackRequest")] Task TrackRequest(RequestSummary request);
    [Alias("GetOverview"), ReadOnly] Task<VillageOverview> GetOverview();
    [Alias("GetMembers"), ReadOnly] Task<VillageMembers> GetMembers();
    /// <summary>The village's volunteers, without waiting for the view of its requests that an activation rebuilds.</summary>
    [Alias("GetVolunteers"), ReadOnly] Task<IReadOnlyList<string>> GetVolunteers();
    /// <summary>Requests that are still open or offered.</summary>
    [Alias("GetUnsettled"), ReadOnly] Task<IReadOnlyList<RequestSummary>> GetUnsettled();
    /// <summary>Requests that are matched and not yet completed.</summary>
    [Alias("GetMatched"), ReadOnly] Task<IReadOnlyList<RequestSummary>> GetMatched();
    /// <summary>The last time the circle was heard from: a request, a check-in. Only ever moves forward.</summary>
    [Alias("TrackContact")] Task TrackContact(string circleId, DateTimeOffset at);
    /// <summary>Circles not heard from since <paramref name="since"/> (never heard from counts too), with their last contact.</summary>
    [Alias("GetQuiet"), ReadOnly] Task<IReadOnlyList<(string CircleId, DateTimeOffset? LastContact)>> GetQuiet(DateTimeOffset since);
    /// <summary>Drops a tracked request that its circle never stored (the submission failed before it was acknowledged).</summary>
    [Alias("Forget")] Task Forget(string requestId);
    /// <summary>
    /// The circle was erased: it no longer counts as a carer, its requests stay as anonymous counts, and its id is kept
    /// among the erased circles until their access log has run out. Idempotent.
    /// </summary>
    [Alias("ForgetCircle")] Task ForgetCircle(string circleId);
    /// <summary>The requests passed their retention: only kind, times and status stay, for the figures. Idempotent.</summary>
    [Alias("AnonymiseRequests")] Task AnonymiseRequests(IReadOnlyList<string> requestIds);
    [Alias("RemoveVolunteer")] Task RemoveVolunteer(string volunteerId);
    [Alias("GetErasedCircles"), ReadOnly] Task<IReadOnlyList<string>> GetErasedCircles();
    [Alias("DropErasedCircle")] Task DropErasedCircle(string circleId);
}
