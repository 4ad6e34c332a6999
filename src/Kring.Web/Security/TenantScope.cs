using Microsoft.Extensions.Caching.Memory;

namespace Kring.Web.Security;

/// <summary>
/// Municipalities as tenants. Staff of one municipality (<see cref="AccountRecord.MunicipalityId"/>) see only its villages
/// and the circles in them; the platform's operators and everyone who is not staff are not narrowed here. The villages
/// of each municipality come from the directory and are kept on this web node for <see cref="CacheFor"/>.
/// </summary>
public sealed class TenantScope(IGrainFactory grains, IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private const string Key = "kring:tenancy:villages";

    public async ValueTask<IReadOnlyList<VillageInfo>> Villages()
    {
        if (cache.TryGetValue(Key, out IReadOnlyList<VillageInfo>? known) && known is not null) return known;
        var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
        // An empty directory (a first start still seeding) is asked again on the next request.
        if (villages.Count > 0) cache.Set(Key, villages, CacheFor);
        return villages;
    }

    /// <summary>The ids of the municipality's villages; null for no municipality, which reaches every village.</summary>
    public async ValueTask<IReadOnlyCollection<string>?> VillagesOf(string? municipalityId) =>
        municipalityId is null ? null : (await Villages()).Where(v => v.Region == municipalityId).Select(v => v.Id).ToList();

    /// <summary>The municipality a village belongs to, or null for an unknown village.</summary>
    public async ValueTask<string?> MunicipalityOf(string villageId) =>
        (await Villages()).FirstOrDefault(v => v.Id == villageId)?.Region;

    /// <summary>
    /// Does the circle lie within the user's municipality? True for users without one, and for a circle that does not
    /// exist (the route answers that itself).
    /// </summary>
    public async Task<bool> Covers(KringUser user, string circleId)
    {
        if (user.Scope is null || user.CircleId == circleId) return true;
        return await VillageOfCircle(circleId) is not { } village || user.InScope(village);
    }

    /// <summary>A circle never moves to another village (an import refuses it), so its village is kept like the villages.</summary>
    private async ValueTask<string?> VillageOfCircle(string circleId)
    {
        var key = "kring:tenancy:circle:" + circleId;
        if (cache.TryGetValue(key, out string? known)) return known;
        var village = (await grains.GetGrain<ICarerCircleGrain>(circleId).Get())?.Profile.Village;
        if (village is not null) cache.Set(key, village, CacheFor);
        return village;
    }
}
