using Kring.Grains.Mail;

namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.Intake")]
public sealed class IntakeState
{
    [Id(0)] public Dictionary<string, CircleIntake> Waiting { get; set; } = new();
}

/// <summary>Carers who registered themselves or were referred, waiting for the consultant; each step is mailed.</summary>
public sealed class IntakeGrain(
    [PersistentState("intake", KringStorage.Name)] IPersistentState<IntakeState> state,
    TimeProvider clock,
    IPublicAddress links) : Grain, IIntakeGrain
{
    public async Task<bool> Submit(CircleIntake intake)
    {
        if (state.State.Waiting.ContainsKey(intake.Id)) return true;
        if (state.State.Waiting.Count >= CircleIntake.MaxWaiting) return false;
        state.State.Waiting[intake.Id] = intake;
        await state.WriteStateAsync();
        await Mail(IntakeMail.Received(intake, clock.GetUtcNow()));
        return true;
    }

    public Task<IReadOnlyList<CircleIntake>> GetWaiting() =>
        Task.FromResult<IReadOnlyList<CircleIntake>>(state.State.Waiting.Values.OrderBy(i => i.SubmittedAt).ToList());

    public async Task<bool> Accept(string intakeId, string? userName, string? activationCode, DateTimeOffset? codeExpires)
    {
        if (!state.State.Waiting.Remove(intakeId, out var intake)) return false;
        await state.WriteStateAsync();
        await Mail(IntakeMail.Accepted(intake, userName, activationCode, codeExpires, links.Base, clock.GetUtcNow()));
        return true;
    }

    public async Task<bool> Decline(string intakeId)
    {
        if (!state.State.Waiting.Remove(intakeId, out var intake)) return false;
        await state.WriteStateAsync();
        await Mail(IntakeMail.Declined(intake, clock.GetUtcNow()));
        return true;
    }

    public async Task<int> Expire(DateTimeOffset submittedBefore)
    {
        var lapsed = state.State.Waiting.Values.Where(i => i.SubmittedAt < submittedBefore).ToList();
        if (lapsed.Count == 0) return 0;
        foreach (var intake in lapsed) state.State.Waiting.Remove(intake.Id);
        await state.WriteStateAsync();
        foreach (var intake in lapsed) await Mail(IntakeMail.Lapsed(intake, links.Base, clock.GetUtcNow()));
        return lapsed.Count;
    }

    private Task Mail(OutgoingMail? mail) =>
        mail is null ? Task.CompletedTask : GrainFactory.GetGrain<IMailOutboxGrain>(MailOutboxes.For(mail.To)).Queue(mail);
}
