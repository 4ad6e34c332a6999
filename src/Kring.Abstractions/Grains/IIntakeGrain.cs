using Orleans.Concurrency;

namespace Kring;

/// <summary>The consultant's intake list: carers who registered themselves or were referred. Key: "default".</summary>
[Alias("kring.IIntakeGrain")]
public interface IIntakeGrain : IGrainWithStringKey
{
    /// <summary>
    /// Keeps the intake and mails a receipt (<see cref="CircleIntake.AnswerTo"/>). Idempotent per id; false when
    /// <see cref="CircleIntake.MaxWaiting"/> are waiting.
    /// </summary>
    [Alias("Submit")] Task<bool> Submit(CircleIntake intake);
    [Alias("GetWaiting"), ReadOnly] Task<IReadOnlyList<CircleIntake>> GetWaiting();
    /// <summary>
    /// The consultant registered the circle: the carer (with an account, its user name and one-time code) or the referrer is
    /// mailed, and the intake goes. False when it is not waiting.
    /// </summary>
    [Alias("Accept")] Task<bool> Accept(string intakeId, string? userName, string? activationCode, DateTimeOffset? codeExpires);
    /// <summary>The consultant declined it: the one who sent it is mailed, and the intake and its personal data go.</summary>
    [Alias("Decline")] Task<bool> Decline(string intakeId);
    /// <summary>Intakes submitted before the moment lapse: whoever sent each is mailed, and they go. Returns how many.</summary>
    [Alias("Expire")] Task<int> Expire(DateTimeOffset submittedBefore);
}
