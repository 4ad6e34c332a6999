namespace Kring;

/// <summary>
/// Erases a carer's circle or a volunteer everywhere, in an order that can be repeated after a failure: the subject's
/// own grain first (which cancels or releases its bookings through the normal paths), then the other side of those
/// bookings, the accounts and the access log. Key: "default".
/// </summary>
[Alias("kring.IErasureGrain")]
public interface IErasureGrain : IGrainWithStringKey
{
    /// <summary>
    /// Cancels the circle's open, offered and future matched requests, blanks its personal data and removes the carer's
    /// accounts; counts stay with the village, anonymous. <paramref name="by"/> is recorded in the access log (the grain
    /// stamps its time). Repeating it finishes a run that failed half-way.
    /// </summary>
    [Alias("EraseCircle")] Task<ErasureResult> EraseCircle(string circleId, AccessEntry by);
    /// <summary>
    /// Takes the volunteer out of matching, declines their pending offers, gives their future bookings back to the
    /// circles (which open them for matching again), blanks the profile and removes the accounts. Repeatable.
    /// </summary>
    [Alias("EraseVolunteer")] Task<ErasureResult> EraseVolunteer(string volunteerId, string by);
    /// <summary>
    /// Takes one of the carer's own people out of the circle: their bookings still to come go back to the circle (which
    /// asks volunteers), their schedule is blanked, and their account removed. Repeatable.
    /// </summary>
    [Alias("EraseMember")] Task<ErasureResult> EraseMember(string circleId, string memberId, string by);
}
