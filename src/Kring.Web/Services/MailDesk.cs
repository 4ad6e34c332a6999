namespace Kring.Web.Services;

/// <summary>The operator's view of the outboxes: what waits, what is being retried, and the parked mail to send again.</summary>
public static class MailDesk
{
    public sealed record Overview(
        int Pending, int Retrying, long Delivered, IReadOnlyList<ParkedMail> Parked, DateTimeOffset? OldestQueuedAt);

    public static async Task<Overview> Read(IGrainFactory grains)
    {
        var statuses = await Task.WhenAll(MailOutboxes.Keys.Select(k => grains.GetGrain<IMailOutboxGrain>(k).GetStatus()));
        return new Overview(statuses.Sum(s => s.Pending), statuses.Sum(s => s.Retrying), statuses.Sum(s => s.Delivered),
            statuses.SelectMany(s => s.Parked).OrderByDescending(p => p.ParkedAt).ToList(), statuses.Min(s => s.OldestQueuedAt));
    }

    /// <summary>Puts a parked message back in its outbox; false when no outbox has it parked.</summary>
    public static async Task<bool> Retry(IGrainFactory grains, string id)
    {
        foreach (var key in MailOutboxes.Keys)
        {
            if (await grains.GetGrain<IMailOutboxGrain>(key).Retry(id)) return true;
        }
        return false;
    }
}
