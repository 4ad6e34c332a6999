using Orleans.Concurrency;

namespace Kring;

/// <summary>
/// One message in an outbox. <see cref="Id"/> is stable for the event that caused it ("offer/..."), so queuing the same
/// event twice queues one message, and a retry after a crash sends the same Message-ID again.
/// </summary>
[GenerateSerializer, Alias("kring.OutgoingMail")]
public sealed record OutgoingMail(
    [property: Id(0)] string Id,
    [property: Id(1)] string To,
    [property: Id(2)] string Subject,
    [property: Id(3)] string TextBody,
    [property: Id(4)] DateTimeOffset QueuedAt,
    [property: Id(5)] string Language = "nl",
    /// <summary>Not before the end of the recipient's quiet hours; null for at once.</summary>
    [property: Id(6)] DateTimeOffset? NotBefore = null);

/// <summary>A message that kept failing: it waits for an operator.</summary>
[GenerateSerializer, Alias("kring.ParkedMail")]
public sealed record ParkedMail(
    [property: Id(0)] OutgoingMail Mail,
    [property: Id(1)] int Attempts,
    [property: Id(2)] string LastError,
    [property: Id(3)] DateTimeOffset ParkedAt);

[GenerateSerializer, Alias("kring.MailOutboxStatus")]
public sealed record MailOutboxStatus(
    [property: Id(0)] int Pending,
    [property: Id(1)] IReadOnlyList<ParkedMail> Parked,
    [property: Id(2)] long Delivered,
    /// <summary>Pending messages that failed at least once and wait for their next try.</summary>
    [property: Id(3)] int Retrying = 0,
    [property: Id(4)] IReadOnlyList<string>? PendingIds = null);

/// <summary>
/// A durable outbox of mail. Key: a shard number (<see cref="MailOutboxes.For"/>). Producers queue a message before they
/// acknowledge the event that caused it; the silos' mail delivery leases due messages, sends them, and reports back.
/// </summary>
[Alias("kring.IMailOutboxGrain")]
public interface IMailOutboxGrain : IGrainWithStringKey
{
    /// <summary>Stores the message. Queuing a message id that is pending or was sent recently changes nothing.</summary>
    [Alias("Queue")] Task Queue(OutgoingMail mail);
    /// <summary>Up to <paramref name="max"/> due messages, leased to the caller for a while so another silo does not send them too.</summary>
    [Alias("Lease")] Task<IReadOnlyList<OutgoingMail>> Lease(int max);
    [Alias("Delivered")] Task Delivered(IReadOnlyList<string> ids);
    /// <summary>The next try waits longer each time; after <c>maxAttempts</c> the message is parked.</summary>
    [Alias("Failed")] Task Failed(string id, string error, int maxAttempts);
    /// <summary>Puts a parked message back in the queue.</summary>
    [Alias("Retry")] Task<bool> Retry(string id);
    [ReadOnly, Alias("GetStatus")] Task<MailOutboxStatus> GetStatus();
}

public static class MailOutboxes
{
    public const int Shards = 4;

    public static IEnumerable<string> Keys => Enumerable.Range(0, Shards).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The outbox of a recipient: one address always lands in the same outbox, so its mail keeps its order.</summary>
    public static string For(string address)
    {
        var hash = 0u;
        foreach (var c in address.ToLowerInvariant()) hash = hash * 31 + c;
        return (hash % Shards).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
