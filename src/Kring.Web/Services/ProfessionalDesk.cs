using Kring.Web.Privacy;
using Kring.Web.Security;

namespace Kring.Web.Services;

/// <summary>
/// Professionals around a carer, for the pages and the API alike: the consultant links one to a circle, the carer consents
/// (or ends it, as the consultant may), and from the consent on the professional sees the circle's calendar and balance and
/// may ask for help for the carer. Every step and every view is in the circle's access log.
/// </summary>
public static class ProfessionalDesk
{
    public enum Refusal { None, NotAllowed, NoSuchCircle, NoSuchProfessional, NotLinked }

    /// <summary>What a professional sees of one circle: no address, phone, notes or history.</summary>
    public sealed record CircleSummary(
        string CircleId, string CarerName, string Village, IReadOnlyList<OwnCircleDesk.CalendarEntry> Calendar,
        IReadOnlyList<CheckIn> Balance);

    /// <summary>Has the carer of this circle consented to this professional?</summary>
    public static bool Consented(CircleView? circle, KringUser user) =>
        user.Role == Role.Professional
        && circle?.Professionals?.Any(p => p.UserName == user.UserName && p.ConsentedAt is not null) == true;

    public static async Task<(Refusal Refusal, ProfessionalLink? Link)> Link(
        IGrainFactory grains, AccessLog log, HttpContext http, KringUser user, string circleId, string? userName)
    {
        if (user.Role != Role.CarerConsultant) return (Refusal.NotAllowed, null);
        var circle = grains.GetGrain<ICarerCircleGrain>(circleId);
        if (await circle.Get() is null) return (Refusal.NoSuchCircle, null);
        var name = userName?.Trim().ToLowerInvariant() ?? "";
        if (name.Length == 0 || await grains.GetGrain<IAccountGrain>(name).Get() is not { Role: Role.Professional } account)
        {
            return (Refusal.NoSuchProfessional, null);
        }
        var link = await circle.LinkProfessional(
            new ProfessionalLink(account.UserName, account.DisplayName, user.UserName, TimeProvider.System.GetUtcNow()));
        await log.Record(http, circleId, AccessKind.ProfessionalLinked);
        return (Refusal.None, link);
    }

    /// <summary>The carer of the circle consents; only the carer can.</summary>
    public static async Task<Refusal> Consent(IGrainFactory grains, AccessLog log, HttpContext http, KringUser user, string circleId,
        string userName)
    {
        if (user.Role != Role.Carer || user.CircleId != circleId) return Refusal.NotAllowed;
        if (!await grains.GetGrain<ICarerCircleGrain>(circleId).ConsentProfessional(userName, TimeProvider.System.GetUtcNow()))
        {
            return Refusal.NotLinked;
        }
        await log.Record(http, circleId, AccessKind.ProfessionalConsented);
        return Refusal.None;
    }

    /// <summary>The carer or the consultant ends a link.</summary>
    public static async Task<Refusal> Unlink(IGrainFactory grains, AccessLog log, HttpContext http, KringUser user, string circleId,
        string userName)
    {
        if (!user.CanRequestFor(circleId)) return Refusal.NotAllowed;
        if (!await grains.GetGrain<ICarerCircleGrain>(circleId).UnlinkProfessional(userName)) return Refusal.NotLinked;
        await log.Record(http, circleId, AccessKind.ProfessionalUnlinked);
        return Refusal.None;
    }

    /// <summary>The circles whose carer consented to this professional, each view logged.</summary>
    public static async Task<IReadOnlyList<CircleSummary>> Circles(IGrainFactory grains, AccessLog log, HttpContext http, KringUser user)
    {
        if (user.Role != Role.Professional) return [];
        var ids = await grains.GetGrain<IAccountLinksGrain>(AccountLinks.Professional(user.UserName)).Get();
        var now = TimeProvider.System.GetUtcNow();
        var seen = new List<CircleSummary>();
        foreach (var id in ids.Order(StringComparer.Ordinal))
        {
            var circle = grains.GetGrain<ICarerCircleGrain>(id);
            var view = await circle.Get();
            if (!Consented(view, user)) continue;
            await log.Record(http, id, AccessKind.CircleViewed);
            seen.Add(new(id, view!.Profile.CarerName, view.Profile.Village, OwnCircleDesk.Calendar(view, now), await circle.GetCheckIns()));
        }
        return seen;
    }
}
