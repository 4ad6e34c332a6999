using Orleans.Concurrency;

namespace Kring;

/// <summary>
/// A durable outbox of mail. Key: a shard number (<see cref="MailOutboxes.For"/>). Producers queue a message before they
/// acknowledge the event that caused it; the silos' mail delivery leases due messages, sends them, and reports back.
/// </summary>
[Alias("kring.IMailOutboxGrain")]
public interface IMailOutboxGrain : IGrainWithStringKey
{
    /// <summary>Stores the message. Queuing a message id that is pending or was sent recently changes nothing.</summary>
    [Alias("Queue")] Task Queue(OutgoingMail mail);
    /// <summary>
    /// Up to <paramref name="max"/> due messages, leased to the caller for a while so another silo does not send them
    /// too.
    /// </summary>
    [Alias("Lease")] Task<IReadOnlyList<OutgoingMail>> Lease(int max);
    [Alias("Delivered")] Task Delivered(IReadOnlyList<string> ids);
    /// <summary>The next try waits longer each time; after <c>maxAttempts</c> the message is parked.</summary>
    [Alias("Failed")] Task Failed(string id, string error, int maxAttempts);
    /// <summary>Puts a parked message back in the queue.</summary>
    [Alias("Retry")] Task<bool> Retry(string id);
    [ReadOnly, Alias("GetStatus")] Task<MailOutboxStatus> GetStatus();
}
