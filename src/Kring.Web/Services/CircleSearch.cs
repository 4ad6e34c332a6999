using Kring.Web.Security;

namespace Kring.Web.Services;

/// <summary>
/// The consultant's search for carers: the circles of one village, by the carer's or cared-for's name, the address or the
/// circle's id. Shared by the Kringen page and <c>GET /api/v1/circles</c>. Every listed circle is logged as seen.
/// </summary>
public sealed class CircleSearch(IGrainFactory grains, Privacy.AccessLog log)
{
    public const int MaxSearchLength = 100;

    /// <summary>The villages the user may search in, by name.</summary>
    public async Task<IReadOnlyList<VillageInfo>> Villages(KringUser user) =>
        (await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages())
            .Where(v => user.CanSeeVillage(v.Id)).OrderBy(v => v.Name, StringComparer.CurrentCulture).ToList();

    /// <summary>The village's circles that match, by carer name; every circle when <paramref name="search"/> is empty.</summary>
    public static async Task<IReadOnlyList<CircleProfile>> Find(IGrainFactory grains, string villageId, string? search)
    {
        var term = Term(search);
        var members = await grains.GetGrain<IVillageGrain>(villageId).GetMembers();
        var views = await Task.WhenAll(members.Circles.Select(id => grains.GetGrain<ICarerCircleGrain>(id).Get()));
        return views.OfType<CircleView>().Select(v => v.Profile)
            .Where(p => term is null || Matches(p, term))
            .OrderBy(p => p.CarerName, StringComparer.CurrentCulture).ThenBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// One page of <see cref="Find"/>'s answer (a page past the end gives the last), logged as listed for the user of the
    /// request.
    /// </summary>
    public async Task<(IReadOnlyList<CircleProfile> Circles, int Total, int Page)> Page(
        HttpContext http, string villageId, string? search, int page, int pageSize)
    {
        var found = await Find(grains, villageId, search);
        page = Math.Clamp(page, 1, Math.Max(1, (found.Count + pageSize - 1) / pageSize));
        var shown = found.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        await log.Record(http, shown.Select(c => c.Id), AccessKind.Listed);
        return (shown, found.Count, page);
    }

    public static string? Term(string? search) =>
        string.IsNullOrWhiteSpace(search) ? null : search.Trim()[..Math.Min(search.Trim().Length, MaxSearchLength)];

    private static bool Matches(CircleProfile p, string search) =>
        p.CarerName.Contains(search, StringComparison.CurrentCultureIgnoreCase)
        || p.CareRecipientName.Contains(search, StringComparison.CurrentCultureIgnoreCase)
        || p.Id.Equals(search, StringComparison.OrdinalIgnoreCase)
        || (p.Address?.Contains(search, StringComparison.CurrentCultureIgnoreCase) ?? false);
}
