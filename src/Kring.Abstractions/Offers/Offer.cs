namespace Kring;

[GenerateSerializer, Alias("kring.OfferStatus")]
public enum OfferStatus
{
    Pending = 0,
    /// <summary>The volunteer accepted; the circle has not confirmed yet. The time is held in their schedule.</summary>
    Accepting = 1,
    Accepted = 2,
    Declined = 3,
    Withdrawn = 4,
    Expired = 5,
}

/// <summary>An offer to a volunteer. It shows the village, time, kind and needs, never the carer's personal data.</summary>
[GenerateSerializer, Alias("kring.Offer")]
public sealed record Offer(
    [property: Id(0)] string Id,
    [property: Id(1)] string RequestId,
    [property: Id(2)] string CircleId,
    [property: Id(3)] string Village,
    [property: Id(4)] HelpKind Kind,
    [property: Id(5)] DateTimeOffset Start,
    [property: Id(6)] DateTimeOffset End,
    [property: Id(7)] IReadOnlyList<string> Needs,
    [property: Id(8)] OfferStatus Status,
    [property: Id(9)] DateTimeOffset OfferedAt,
    /// <summary>The secret of the offer mail's answer links; it never leaves the volunteer's grain except in that mail.</summary>
    [property: Id(10)] string? AnswerToken = null);
