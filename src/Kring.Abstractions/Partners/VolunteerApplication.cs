namespace Kring;

/// <summary>
/// Someone who wants to volunteer signed up on the public page for one partner; nothing is made until that partner's
/// coordinator approves it. Held by the partner's grain, and gone from it once approved or declined.
/// </summary>
[GenerateSerializer, Alias("kring.VolunteerApplication")]
public sealed record VolunteerApplication(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Email,
    [property: Id(3)] string? Mobile,
    [property: Id(4)] string Village,
    [property: Id(5)] IReadOnlyList<HelpKind> Kinds,
    [property: Id(6)] double MaxKm,
    [property: Id(7)] string? Note,
    [property: Id(8)] DateTimeOffset SubmittedAt)
{
    public const int MaxNoteLength = 500;
    /// <summary>Applications waiting per partner; beyond it the page asks to try later, so the form cannot flood a coordinator.</summary>
    public const int MaxWaiting = 100;
}
