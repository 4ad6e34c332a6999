using Kring.Grains.Mail;

namespace Kring.Grains;

/// <summary>
/// The carer's own people: invited by mail, asked first when the carer wants, and booked like volunteers when they take a
/// request. A request held for them reaches matching when the hold ends: this grain's timer tells the shard then, and
/// should this grain be asleep, the shard's reconcile with the village finds it within a minute.
/// </summary>
public sealed partial class CarerCircleGrain
{
    public const int MaxMembers = 30;
    private IGrainTimer? _release;

    public async Task<CircleMember> AddMember(CircleMember member, string? activationCode, DateTimeOffset? codeExpires)
    {
        var profile = Profile;
        var known = state.State.Members.FirstOrDefault(m => string.Equals(m.Email, member.Email, StringComparison.OrdinalIgnoreCase));
        if (known is not null) return known;
        if (state.State.Members.Count >= MaxMembers)
        {
            throw new LimitReachedException("De eigen kring is vol.", $"Een kring heeft hooguit {MaxMembers} eigen mensen.");
        }
        state.State.Members.Add(member);
        await _writeBehind.WriteNow();
        if (activationCode is null || codeExpires is not { } expires) return member;
        var mail = OwnCircleMail.Invitation(member, MailTexts.FirstName(profile.CarerName), activationCode, expires, links.Base,
            clock.GetUtcNow());
        await GrainFactory.GetGrain<IMailOutboxGrain>(MailOutboxes.For(member.Email)).Queue(mail);
        return member;
    }

    public async Task<bool> SetUsualTimes(string memberId, string? usualTimes)
    {
        var index = state.State.Members.FindIndex(m => m.Id == memberId);
        if (index < 0 || state.State.ErasedAt is not null) return false;
        var text = string.IsNullOrWhiteSpace(usualTimes) ? null : usualTimes.Trim();
        if (text?.Length > CircleMember.MaxUsualTimesLength)
        {
            throw new ArgumentException($"At most {CircleMember.MaxUsualTimesLength} characters.", nameof(usualTimes));
        }
        state.State.Members[index] = state.State.Members[index] with { UsualTimes = text };
        await _writeBehind.WriteNow();
        return true;
    }

    public async Task<bool> SetMemberSight(string memberId, MemberSight sight)
    {
        var index = state.State.Members.FindIndex(m => m.Id == memberId);
        if (index < 0 || state.State.ErasedAt is not null) return false;
        if (state.State.Members[index].Sight == sight) return true;
        state.State.Members[index] = state.State.Members[index] with { Sight = sight };
        await _writeBehind.WriteNow();
        return true;
    }

    public async Task<bool> RemoveMember(string memberId)
    {
        if (state.State.Members.FirstOrDefault(m => m.Id == memberId) is not { } member) return false;
        state.State.Members.Remove(member);
        await _writeBehind.WriteNow();
        var mail = OwnCircleMail.Removed(member, MailTexts.FirstName(Profile.CarerName), links.Base, clock.GetUtcNow());
        await GrainFactory.GetGrain<IMailOutboxGrain>(MailOutboxes.For(member.Email)).Queue(mail);
        return true;
    }

    /// <summary>
    /// The hold a new request gets: only with own people to ask, and never in the past. It ends halfway to the start at
    /// the latest, so that volunteers have as long as the own people had when nobody of them can.
    /// </summary>
    private DateTimeOffset? CircleFirstUntil(NewHelpRequest request, DateTimeOffset now)
    {
        if (request.CircleFirstUntil is not { } until || until <= now || state.State.Members.Count == 0) return null;
        var halfway = now + (request.Start - now) / 2;
        return until < halfway ? until : halfway > now ? halfway : null;
    }

    /// <summary>Mails the circle's own people about the requests held for them, and sets the timer that lets go of them.</summary>
    private async Task AskOwnCircle(List<HelpRequestRecord> held)
    {
        if (held.Count == 0) return;
        var carer = MailTexts.FirstName(Profile.CarerName);
        var now = clock.GetUtcNow();
        foreach (var record in held)
        {
            foreach (var member in state.State.Members)
            {
                var mail = OwnCircleMail.Asked(record.Id, member, carer, record.Kind, record.Start, record.End,
                    record.CircleFirstUntil!.Value, links.Base, now);
                await GrainFactory.GetGrain<IMailOutboxGrain>(MailOutboxes.For(member.Email)).Queue(mail);
            }
        }
        ScheduleRelease();
    }

    /// <summary>Sets the timer for the next hold to end.</summary>
    private void ScheduleRelease()
    {
        var now = clock.GetUtcNow();
        var next = state.State.Requests.Values
            .Where(r => r.Status == RequestStatus.Open && r.CircleFirstUntil > now)
            .Select(r => r.CircleFirstUntil!.Value).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        _release?.Dispose();
        _release = next == DateTimeOffset.MaxValue ? null : this.RegisterGrainTimer(Release, next - now, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Nobody of the own circle took these in time: matching offers them to volunteers. The shard ignores repeats.</summary>
    private Task Release(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var record in state.State.Requests.Values.Where(r => r.Status == RequestStatus.Open && r.CircleFirstUntil <= now))
        {
            NotifyMatching(record);
        }
        ScheduleRelease();
        return Task.CompletedTask;
    }
}
