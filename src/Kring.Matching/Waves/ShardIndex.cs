namespace Kring.Matching.Waves;

/// <summary>A village as a matching shard needs it: where it lies, its region and its neighbours.</summary>
public sealed record ShardVillage(string Id, string Region, GeoPoint Point, IReadOnlyCollection<string> Neighbours);

/// <summary>
/// What one matching shard knows of its area: the region's own villages and their neighbours, every village near enough
/// across the border, and the volunteers who live in those villages and give the shard's kind of help.
/// </summary>
public sealed class ShardIndex
{
    private static readonly IReadOnlySet<string> NoNeighbours = new HashSet<string>();
    private readonly Dictionary<string, VolunteerCandidate> _volunteers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GeoPoint> _villages = new(StringComparer.Ordinal);
    private readonly HashSet<string> _regionVillages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlySet<string>> _neighbours = new(StringComparer.Ordinal);

    /// <summary>Every village whose requests or volunteers this shard can see.</summary>
    public IReadOnlyCollection<string> Villages => _villages.Keys;

    /// <summary>The villages of the region itself: requests come only from these.</summary>
    public IReadOnlyCollection<string> RegionVillages => _regionVillages;

    public IReadOnlyCollection<VolunteerCandidate> Volunteers => _volunteers.Values;

    /// <summary>
    /// Adds the region's villages and the villages within <paramref name="borderKm"/> of one of them. Villages already
    /// known stay, so a directory read that misses one never drops it.
    /// </summary>
    public void LoadVillages(string region, IReadOnlyCollection<ShardVillage> all, double borderKm)
    {
        var own = all.Where(v => v.Region == region).ToList();
        foreach (var village in own)
        {
            _regionVillages.Add(village.Id);
            _neighbours[village.Id] = village.Neighbours.ToHashSet(StringComparer.Ordinal);
        }
        foreach (var village in all)
        {
            if (village.Region == region || own.Any(o => o.Point.DistanceKm(village.Point) <= borderKm))
            {
                _villages[village.Id] = village.Point;
            }
        }
    }

    public bool TryLocate(string village, out GeoPoint point) => _villages.TryGetValue(village, out point);

    public IReadOnlySet<string> Neighbours(string village) => _neighbours.GetValueOrDefault(village, NoNeighbours);

    public bool TryGetVolunteer(string id, out VolunteerCandidate volunteer) => _volunteers.TryGetValue(id, out volunteer!);

    public void Put(VolunteerCandidate volunteer) => _volunteers[volunteer.Id] = volunteer;

    public void Remove(string volunteerId) => _volunteers.Remove(volunteerId);

    /// <summary>
    /// Notes time a volunteer has just promised, ahead of their own word of it (which replaces the volunteer as a whole),
    /// so the shard's next pass does not plan them for it.
    /// </summary>
    public void Commit(string volunteerId, TimeWindow window)
    {
        if (!_volunteers.TryGetValue(volunteerId, out var v) || v.Commitments.Contains(window)) return;
        _volunteers[volunteerId] = v.WithCommitments([window]);
    }
}
