namespace Kring;

/// <summary>
/// A carer who registered themselves, or whom a neighbour or professional referred, on the public page. It waits in the
/// consultant's intake list, seen by nobody else, until the consultant accepts it (the circle is registered then) or
/// declines it. <see cref="ReferredBy"/> is null when the carer registered themselves.
/// </summary>
[GenerateSerializer, Alias("kring.CircleIntake")]
public sealed record CircleIntake(
    [property: Id(0)] string Id,
    [property: Id(1)] CircleProfile Profile,
    /// <summary>Who referred the carer, in their own words ("Joke, buurvrouw"), with the address the answer goes to.</summary>
    [property: Id(2)] string? ReferredBy,
    [property: Id(3)] string? ReferrerEmail,
    [property: Id(4)] string? Note,
    [property: Id(5)] DateTimeOffset SubmittedAt)
{
    public const int MaxNoteLength = 500;
    /// <summary>Intakes waiting; beyond it the page asks to try later, so the form cannot flood the consultant.</summary>
    public const int MaxWaiting = 200;

    /// <summary>Where the receipt and the answer go: the referrer when someone referred the carer, else the carer.</summary>
    public string? AnswerTo => ReferredBy is null ? Profile.Contact?.Email : ReferrerEmail;
}
