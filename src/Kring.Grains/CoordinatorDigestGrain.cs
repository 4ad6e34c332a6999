using System.Globalization;
using Kring.Grains.Mail;

namespace Kring.Grains;

/// <summary>
/// Mails each coordinator of a partner the partner's queue once a day. The message id carries the date, so the outbox
/// keeps one digest per coordinator per day however often the daily sweep calls.
/// </summary>
public sealed class CoordinatorDigestGrain(IPublicAddress links, TimeProvider clock) : Grain, ICoordinatorDigestGrain
{
    public async Task<int> SendToday()
    {
        var partnerId = this.GetPrimaryKeyString();
        var partner = GrainFactory.GetGrain<IPartnerGrain>(partnerId);
        var queue = await partner.GetQueue();
        if (queue.Count == 0 || await partner.GetInfo() is not { } info) return 0;
        var staff = await GrainFactory.GetGrain<IAccountLinksGrain>(AccountLinks.Staff).Get();
        var accounts = await Task.WhenAll(staff.Select(u => GrainFactory.GetGrain<IAccountGrain>(u).Get()));
        var coordinators = accounts.OfType<AccountRecord>()
            .Where(a => a is { Role: Role.Coordinator, Email.Length: > 0 } && a.PartnerId == partnerId)
            .ToList();
        if (coordinators.Count == 0) return 0;
        var villages =
            (await GrainFactory.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages()).ToDictionary(v => v.Id, v => v.Name);
        var items = queue.Select(q => (q, villages.GetValueOrDefault(q.Request.Village, q.Request.Village))).ToList();
        var now = clock.GetUtcNow();
        var today = Amsterdam.ToLocal(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var coordinator in coordinators)
        {
            var mail = MailTexts.Digest($"digest/{partnerId}/{today}/{coordinator.UserName}", coordinator.Email!, info.Name, items,
                links.Base, now);
            await GrainFactory.GetGrain<IMailOutboxGrain>(MailOutboxes.For(coordinator.Email!)).Queue(mail);
        }
        return coordinators.Count;
    }
}
