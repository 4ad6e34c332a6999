using Kring.Web.Privacy;
using Kring.Web.Security;

namespace Kring.Web.Services;

/// <summary>
/// Erasing a circle or a volunteer, for the pages and the API alike: the erasure itself, the removed accounts' sessions
/// ended on this web node at once, and the security event. The caller has checked who may erase.
/// </summary>
public static class ErasureDesk
{
    /// <summary>Erases a circle for the signed-in consultant (API and page): the access log and the security log record it.</summary>
    public static async Task EraseCircle(IGrainFactory grains, SessionStamps stamps, SecurityLog log, HttpContext http, string circleId)
    {
        var result = await grains.GetGrain<IErasureGrain>(DirectoryKeys.Default).EraseCircle(
            circleId, AccessLog.Entry(http, AccessKind.Erased, null));
        foreach (var userName in result.RemovedAccounts) stamps.Remember(userName, null);
        await log.Record(http, SecurityEventKind.CircleErased, circleId,
            result.RemovedAccounts.Count == 0 ? null : "accounts: " + string.Join(",", result.RemovedAccounts));
    }

    /// <summary>
    /// Erases a volunteer for the signed-in user (themselves, their coordinator, the operator), recorded in the
    /// security log.
    /// </summary>
    public static async Task EraseVolunteer(
        IGrainFactory grains, SessionStamps stamps, SecurityLog log, HttpContext http, string volunteerId)
    {
        var by = KringUser.From(http.User)!.UserName;
        var result = await grains.GetGrain<IErasureGrain>(DirectoryKeys.Default).EraseVolunteer(volunteerId, by);
        foreach (var userName in result.RemovedAccounts) stamps.Remember(userName, null);
        await log.Record(http, SecurityEventKind.VolunteerErased, volunteerId,
            result.RemovedAccounts.Count == 0 ? null : "accounts: " + string.Join(",", result.RemovedAccounts));
    }
}
