namespace Kring;

/// <summary>The answer to an accept or decline. Repeating a call gives the same answer and changes nothing.</summary>
[GenerateSerializer, Alias("kring.OfferReply")]
public enum OfferReply
{
    Accepted = 0,
    Declined = 1,
    AlreadyAccepted = 2,
    AlreadyDeclined = 3,
    TakenByOther = 4,
    Withdrawn = 5,
    Expired = 6,
    ScheduleConflict = 7,
    NotFound = 8,
    RequestCancelled = 9,
    /// <summary>A coordinator took the volunteer off the request.</summary>
    Unassigned = 10,
    /// <summary>The booking has begun or is over: it can no longer be given back.</summary>
    AlreadyStarted = 11,
    /// <summary>The booking has not ended yet: it cannot be reported as done.</summary>
    NotEndedYet = 12,
    Completed = 13,
}
