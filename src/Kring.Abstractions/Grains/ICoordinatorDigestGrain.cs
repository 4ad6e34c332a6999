namespace Kring;

/// <summary>
/// A partner coordinator's daily digest: the requests waiting in the partner's queue, mailed once a day to each of the
/// partner's coordinators with an address. Key: partner id.
/// </summary>
[Alias("kring.ICoordinatorDigestGrain")]
public interface ICoordinatorDigestGrain : IGrainWithStringKey
{
    /// <summary>
    /// Queues today's digest (Europe/Amsterdam) when the queue is not empty; a repeat on the same day queues nothing
    /// new.
    /// </summary>
    [Alias("SendToday")] Task<int> SendToday();
}
