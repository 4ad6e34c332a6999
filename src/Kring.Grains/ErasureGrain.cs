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

    private async Task<IReadOnlyList<string>> RemoveAccounts(string linksKey)
    {
        var userNames = await GrainFactory.GetGrain<IAccountLinksGrain>(linksKey).Get();
        foreach (var userName in userNames) await GrainFactory.GetGrain<IAccountGrain>(userName).Remove();
        return userNames;
    }
}
