using Orleans.Concurrency;

namespace Kring;

/// <summary>A partner organisation. Key: partner id.</summary>
[Alias("kring.IPartnerGrain")]
public interface IPartnerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the partner and lists it in the directory. The seed's definition (no <see cref="PartnerInfo.UpdatedBy"/>) keeps
    /// the details a staff member changed since, and changes only the name and municipality.
    /// </summary>
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
    /// <summary>
    /// Keeps a volunteer's application for the coordinator and mails the applicant that it arrived. Idempotent per e-mail
    /// address while one is waiting; false when <see cref="VolunteerApplication.MaxWaiting"/> are waiting.
    /// </summary>
    [Alias("Apply")] Task<bool> Apply(VolunteerApplication application);
    [Alias("GetApplications"), ReadOnly] Task<IReadOnlyList<VolunteerApplication>> GetApplications();
    /// <summary>
    /// The coordinator approved it and the account exists: the applicant is mailed their user name and one-time code, and
    /// the application goes. False when no such application is waiting.
    /// </summary>
    [Alias("Approve")] Task<bool> Approve(string applicationId, string userName, string activationCode, DateTimeOffset codeExpires);
    /// <summary>
    /// The coordinator made a volunteer with an account without an application (an import): the volunteer is mailed their
    /// user name and one-time code. Queuing it again for the same user name sends nothing twice.
    /// </summary>
    [Alias("WelcomeVolunteer")]
    Task WelcomeVolunteer(string name, string email, string userName, string activationCode, DateTimeOffset codeExpires);
    /// <summary>The coordinator declined it: the applicant is mailed, and the application goes. False when none is waiting.</summary>
    [Alias("Decline")] Task<bool> Decline(string applicationId);
    /// <summary>Applications submitted before the moment lapse: each applicant is mailed, and they go. Returns how many.</summary>
    [Alias("ExpireApplications")] Task<int> ExpireApplications(DateTimeOffset submittedBefore);
}
