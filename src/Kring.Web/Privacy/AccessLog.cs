using Kring.Web.Security;

namespace Kring.Web.Privacy;

/// <summary>
/// Writes to a circle's access log that its personal data is about to go to the signed-in user. Callers await it before
/// they return the data: a view that could not be logged fails instead of going unlogged.
/// </summary>
public sealed class AccessLog(IGrainFactory grains)
{
    private const int MaxRouteLength = 200;

    public Task Record(HttpContext http, string circleId, AccessKind kind, string? requestId = null) =>
        grains.GetGrain<IAccessLogGrain>(circleId).Record(Entry(http, kind, requestId));

    /// <summary>One entry in each circle's log, for a list that shows several circles.</summary>
    public Task Record(HttpContext http, IEnumerable<string> circleIds, AccessKind kind)
    {
        var entry = Entry(http, kind, null);
        return Task.WhenAll(circleIds.Where(id => id.Length > 0).Distinct()
            .Select(id => grains.GetGrain<IAccessLogGrain>(id).Record(entry)));
    }

    /// <summary>
    /// Who and how, from the request; the grain stamps the time. The route is the path without its query, which may
    /// hold a search.
    /// </summary>
    public static AccessEntry Entry(HttpContext http, AccessKind kind, string? requestId)
    {
        var user = KringUser.From(http.User) ?? throw new InvalidOperationException("Only a signed-in user's access is logged.");
        var route = $"{http.Request.Method} {http.Request.PathBase}{http.Request.Path}";
        return new AccessEntry(
            default, user.UserName, user.Role, kind, route.Length > MaxRouteLength ? route[..MaxRouteLength] : route, requestId);
    }
}
