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
    [property: Id(4)] IReadOnlyList<string>? PendingIds = null,
    [property: Id(5)] DateTimeOffset? OldestQueuedAt = null);

public static class MailOutboxes
{
    public const int Shards = 4;

    public static IEnumerable<string> Keys =>
        Enumerable.Range(0, Shards).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The outbox of a recipient: one address always lands in the same outbox, so its mail keeps its order.</summary>
    public static string For(string address)
    {
        var hash = 0u;
        foreach (var c in address.ToLowerInvariant()) hash = hash * 31 + c;
        return (hash % Shards).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
