using Kring.Grains.Mail;

namespace Kring.Grains;

/// <summary>Volunteers who signed up themselves, waiting for the partner's coordinator; each hears of every step by mail.</summary>
public sealed partial class PartnerGrain
{
    public async Task<bool> Apply(VolunteerApplication application)
    {
        var applications = state.State.Applications;
        if (applications.ContainsKey(application.Id)
            || applications.Values.Any(a => string.Equals(a.Email, application.Email, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        if (applications.Count >= VolunteerApplication.MaxWaiting) return false;
        applications[application.Id] = application;
        await state.WriteStateAsync();
        await Mail(ApplicationMail.Received(application, PartnerName, clock.GetUtcNow()));
        return true;
    }

    public Task<IReadOnlyList<VolunteerApplication>> GetApplications() =>
        Task.FromResult<IReadOnlyList<VolunteerApplication>>(state.State.Applications.Values.OrderBy(a => a.SubmittedAt).ToList());

    public async Task<bool> Approve(string applicationId, string userName, string activationCode, DateTimeOffset codeExpires)
    {
        if (!state.State.Applications.Remove(applicationId, out var application)) return false;
        await state.WriteStateAsync();
        await Mail(ApplicationMail.Approved(application, PartnerName, userName, activationCode, codeExpires, links.Base,
            clock.GetUtcNow()));
        return true;
    }

    public Task WelcomeVolunteer(string name, string email, string userName, string activationCode, DateTimeOffset codeExpires) =>
        Mail(ApplicationMail.Welcome(name, email, PartnerName, userName, activationCode, codeExpires, links.Base, clock.GetUtcNow()));

    public async Task<bool> Decline(string applicationId)
    {
        if (!state.State.Applications.Remove(applicationId, out var application)) return false;
        await state.WriteStateAsync();
        await Mail(ApplicationMail.Declined(application, PartnerName, clock.GetUtcNow()));
        return true;
    }

    public async Task<int> ExpireApplications(DateTimeOffset submittedBefore)
    {
        var lapsed = state.State.Applications.Values.Where(a => a.SubmittedAt < submittedBefore).ToList();
        if (lapsed.Count == 0) return 0;
        foreach (var application in lapsed) state.State.Applications.Remove(application.Id);
        await state.WriteStateAsync();
        foreach (var application in lapsed) await Mail(ApplicationMail.Lapsed(application, PartnerName, links.Base, clock.GetUtcNow()));
        return lapsed.Count;
    }

    private string PartnerName => state.State.Info?.Name ?? this.GetPrimaryKeyString();

    private Task Mail(OutgoingMail mail) => GrainFactory.GetGrain<IMailOutboxGrain>(MailOutboxes.For(mail.To)).Queue(mail);
}
