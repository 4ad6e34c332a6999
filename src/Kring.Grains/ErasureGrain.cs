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
        foreach (var memberId in await MemberSchedules(circleId)) await GrainFactory.GetGrain<IVolunteerGrain>(memberId).Erase(by.UserName);
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
        var schedules = await MemberSchedules(circleId);
        var circle = GrainFactory.GetGrain<ICarerCircleGrain>(circleId);
        var inCircle = (await circle.Get())?.Members?.Any(m => m.Id == memberId) ?? false;
        if (!inCircle && !schedules.Contains(memberId)) return new ErasureResult(memberId, [], []);
        // Bookings go back to the circle before it forgets the member, so each is open again for the others and volunteers.
        await GrainFactory.GetGrain<IVolunteerGrain>(memberId).Erase(by);
        await circle.RemoveMember(memberId);
        var removed = new List<string>();
        var links = GrainFactory.GetGrain<IAccountLinksGrain>(AccountLinks.Circle(circleId));
        foreach (var userName in await links.Get())
        {
            var account = GrainFactory.GetGrain<IAccountGrain>(userName);
            if ((await account.Get())?.VolunteerId != memberId) continue;
            await account.Remove();
            removed.Add(userName);
        }
        return new ErasureResult(memberId, removed, []);
    }

    /// <summary>The schedules (volunteer grains) of the circle's own people, found through their accounts.</summary>
    private async Task<IReadOnlyList<string>> MemberSchedules(string circleId)
    {
        var userNames = await GrainFactory.GetGrain<IAccountLinksGrain>(AccountLinks.Circle(circleId)).Get();
        var accounts = await Task.WhenAll(userNames.Select(u => GrainFactory.GetGrain<IAccountGrain>(u).Get()));
        return accounts.Where(a => a is { Role: Role.CircleMember }).Select(a => a!.VolunteerId).OfType<string>().ToList();
    }

    private async Task<IReadOnlyList<string>> RemoveAccounts(string linksKey)
    {
        var userNames = await GrainFactory.GetGrain<IAccountLinksGrain>(linksKey).Get();
        foreach (var userName in userNames) await GrainFactory.GetGrain<IAccountGrain>(userName).Remove();
        return userNames;
    }
}
