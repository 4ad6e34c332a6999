using Orleans.Concurrency;

namespace Kring.Grains;

/// <summary>
/// Carries out an erasure across grains. It waits for the circle or volunteer, the other side of their bookings and the
/// accounts; none of those ever calls it, so no call cycle can form. Each step is idempotent, so a failed erasure is
/// finished by asking again.
/// </summary>
[StatelessWorker]
public sealed class ErasureGrain : Grain, IErasureGrain
{
    public async Task<ErasureResult> EraseCircle(string circleId, AccessEntry by)
    {
        var circle = GrainFactory.GetGrain<ICarerCircleGrain>(circleId);
        var released = await circle.Erase(by.UserName);
        foreach (var volunteer in released) await GrainFactory.GetGrain<IVolunteerGrain>(volunteer).RecheckAssignments();
        // After the recheck, which mails the cancellations from the bookings: now the copies of the offers go too.
        foreach (var volunteer in await circle.OfferedVolunteers()) await GrainFactory.GetGrain<IVolunteerGrain>(volunteer)
            .ForgetCircle(circleId);
        // The own people's schedules hold their names and addresses; their accounts, removed last, say who they are.
        foreach (var (_, memberId) in await MemberAccounts(circleId))
        {
            await GrainFactory.GetGrain<IVolunteerGrain>(memberId).Erase(by.UserName);
        }
        var accounts = await RemoveAccounts(AccountLinks.Circle(circleId));
        var log = GrainFactory.GetGrain<IAccessLogGrain>(circleId);
        await log.ForgetCarer();
        await log.Record(by with { Kind = AccessKind.Erased, RequestId = null });
        return new ErasureResult(circleId, accounts, released);
    }

    public async Task<ErasureResult> EraseVolunteer(string volunteerId, string by)
    {
        await GrainFactory.GetGrain<IVolunteerGrain>(volunteerId).Erase(by);
        var accounts = await RemoveAccounts(AccountLinks.Volunteer(volunteerId));
        return new ErasureResult(volunteerId, accounts, []);
    }

    public async Task<ErasureResult> EraseMember(string circleId, string memberId, string by)
    {
        var accounts = (await MemberAccounts(circleId)).Where(a => a.VolunteerId == memberId).Select(a => a.UserName).ToList();
        var circle = GrainFactory.GetGrain<ICarerCircleGrain>(circleId);
        var inCircle = (await circle.Get())?.Members?.Any(m => m.Id == memberId) ?? false;
        if (!inCircle && accounts.Count == 0) return new ErasureResult(memberId, [], []);
        // Bookings go back to the circle before it forgets the member, so each is open again for the others and volunteers.
        await GrainFactory.GetGrain<IVolunteerGrain>(memberId).Erase(by);
        await circle.RemoveMember(memberId);
        foreach (var userName in accounts) await GrainFactory.GetGrain<IAccountGrain>(userName).Remove();
        return new ErasureResult(memberId, accounts, []);
    }

    /// <summary>The accounts of the circle's own people, with their schedules (volunteer grains).</summary>
    private async Task<IReadOnlyList<(string UserName, string VolunteerId)>> MemberAccounts(string circleId)
    {
        var userNames = await GrainFactory.GetGrain<IAccountLinksGrain>(AccountLinks.Circle(circleId)).Get();
        var accounts = await Task.WhenAll(userNames.Select(u => GrainFactory.GetGrain<IAccountGrain>(u).Get()));
        return accounts.Where(a => a is { Role: Role.CircleMember, VolunteerId: not null })
            .Select(a => (a!.UserName, a.VolunteerId!)).ToList();
    }

    private async Task<IReadOnlyList<string>> RemoveAccounts(string linksKey)
    {
        var userNames = await GrainFactory.GetGrain<IAccountLinksGrain>(linksKey).Get();
        foreach (var userName in userNames) await GrainFactory.GetGrain<IAccountGrain>(userName).Remove();
        return userNames;
    }
}
