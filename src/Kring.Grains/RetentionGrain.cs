using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kring.Grains;

/// <summary>
/// The retention sweep of one village. A daily reminder runs it; the silo arms the reminder at start (in the embedded
/// default reminders live in memory, so a restart needs that). Nothing is kept here: the circles, volunteers and
/// access logs each remove their own old entries.
/// </summary>
public sealed partial class RetentionGrain(IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionGrain> logger)
    : Grain, IRetentionGrain, IRemindable
{
    public const string ReminderName = "retention";
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);
    /// <summary>The first sweep after the reminder is armed, out of the way of the start itself.</summary>
    public static readonly TimeSpan FirstSweep = TimeSpan.FromMinutes(5);
    private const int Batch = 32;

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention in {Village}: removed {Requests} requests, {Assignments} bookings, "
        + "{Entries} access-log entries, {CheckIns} check-ins and {SecurityEvents} security events; {Unanswered} unanswered sign-ups "
        + "lapsed")]
    private static partial void LogSwept(ILogger logger, string village, int requests, int assignments, int entries, int checkIns,
        int securityEvents, int unanswered);

    public async Task Arm()
    {
        if (await this.GetReminder(ReminderName) is null) await this.RegisterOrUpdateReminder(ReminderName, FirstSweep, Period);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName) return;
        var report = await Sweep();
        var swept = report.Requests + report.Assignments + report.AccessEntries + report.CheckIns + report.SecurityEvents;
        if (swept + report.Unanswered > 0)
        {
            var village = this.GetPrimaryKeyString();
            LogSwept(logger, village, report.Requests, report.Assignments, report.AccessEntries, report.CheckIns,
                report.SecurityEvents, report.Unanswered);
        }
    }

    public async Task<RetentionReport> Sweep()
    {
        var now = clock.GetUtcNow();
        var closedBefore = now - options.Value.ClosedRequests;
        var loggedBefore = now - options.Value.AccessLog;
        var checkedBefore = now - options.Value.CheckIns;
        var village = GrainFactory.GetGrain<IVillageGrain>(this.GetPrimaryKeyString());
        if (await village.GetInfo() is null) return new RetentionReport(0, 0, 0);
        var securityEvents =
            await GrainFactory.GetGrain<ISecurityLogGrain>(SecurityLogKeys.Default).Prune(now - options.Value.SecurityEvents);
        var unanswered = await ExpireUnanswered(now - options.Value.Unanswered);
        var members = await village.GetMembers();

        var requests = 0;
        var entries = 0;
        var checkIns = 0;
        foreach (var batch in members.Circles.Chunk(Batch))
        {
            var removed = await Task.WhenAll(
                batch.Select(c => GrainFactory.GetGrain<ICarerCircleGrain>(c).RemoveClosedRequests(closedBefore)));
            requests += removed.Sum();
            checkIns += (await Task.WhenAll(batch.Select(c => GrainFactory.GetGrain<ICarerCircleGrain>(c).RemoveCheckIns(checkedBefore))))
                .Sum();
            entries += (await Task.WhenAll(batch.Select(c => PruneLog(c, loggedBefore)))).Sum(r => r.Removed);
        }
        foreach (var circle in await village.GetErasedCircles())
        {
            var (removed, left) = await PruneLog(circle, loggedBefore);
            entries += removed;
            if (left == 0) await village.DropErasedCircle(circle);
        }

        var assignments = 0;
        foreach (var batch in members.Volunteers.Chunk(Batch))
        {
            assignments += (await Task.WhenAll(batch.Select(async v =>
            {
                var volunteer = GrainFactory.GetGrain<IVolunteerGrain>(v);
                // A booking whose circle was erased while the release did not arrive is given up here.
                await volunteer.RecheckAssignments();
                return await volunteer.RemoveHistory(closedBefore);
            }))).Sum();
        }
        return new RetentionReport(requests, assignments, entries, checkIns, securityEvents, unanswered);
    }

    /// <summary>
    /// Like the security log, these belong to the municipality, not the village: every village's sweep asks, and only the
    /// first finds any.
    /// </summary>
    private async Task<int> ExpireUnanswered(DateTimeOffset submittedBefore)
    {
        var intake = await GrainFactory.GetGrain<IIntakeGrain>(DirectoryKeys.Default).Expire(submittedBefore);
        var partners = await GrainFactory.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetPartners();
        var applications = await Task.WhenAll(
            partners.Select(p => GrainFactory.GetGrain<IPartnerGrain>(p.Id).ExpireApplications(submittedBefore)));
        return intake + applications.Sum();
    }

    private Task<(int Removed, int Left)> PruneLog(string circleId, DateTimeOffset before) =>
        GrainFactory.GetGrain<IAccessLogGrain>(circleId).Prune(before);
}
