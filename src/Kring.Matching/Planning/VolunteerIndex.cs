using System.Numerics;

namespace Kring.Matching.Planning;

/// <summary>
/// Finds the volunteers that pass <see cref="Eligibility.Check"/> for a need without scanning them all.
/// Volunteers are split into tiers by reach (maxKm ≤ 2^tier km); each tier has a lat/lon grid of cells half the
/// tier's reach wide, holding the volunteers' availability slots per kind and time bucket, so a query visits only
/// nearby cells for the need's kind and time bucket. Skills and distance are checked on compact arrays. The index is a
/// superset filter: every hit is confirmed with <see cref="Eligibility.Check"/>, so results are exact. Immutable after
/// <see cref="Build"/>; queries are thread-safe.
/// </summary>
public sealed partial class VolunteerIndex
{
    private const double EarthRadiusKm = 6371.0;
    private const double KmPerDegree = EarthRadiusKm * Math.PI / 180;
    private const int GlobalTier = 15; // 2^15 km exceeds half the earth's circumference
    private const int BucketSeconds = 4 * 3600;
    private const int OtherBit = 63; // codes beyond the 63rd share one bit; the exact check tells them apart

    private readonly Dictionary<string, int> _kindBits;
    private readonly Dictionary<string, int> _skillBits;
    private readonly ulong[] _skillMask;
    private readonly GeoPoint[] _home;
    private readonly double[] _maxKm;
    private readonly double _lonCellFactor;
    private readonly int _tiers; // bit t set when tier t has volunteers
    private readonly Dictionary<long, Range> _buckets;
    private readonly int[] _slotStart;
    private readonly int[] _slotEnd;
    private readonly int[] _slotVolunteer;

    private VolunteerIndex(IReadOnlyList<VolunteerCandidate> volunteers, TimeWindow horizon, Dictionary<string, int> kindBits,
        Dictionary<string, int> skillBits, ulong[] skillMask, GeoPoint[] home, double[] maxKm, double lonCellFactor, int tiers,
        Dictionary<long, Range> buckets, int[] slotStart, int[] slotEnd, int[] slotVolunteer)
    {
        Volunteers = volunteers;
        Horizon = horizon;
        _kindBits = kindBits;
        _skillBits = skillBits;
        _skillMask = skillMask;
        _home = home;
        _maxKm = maxKm;
        _lonCellFactor = lonCellFactor;
        _tiers = tiers;
        _buckets = buckets;
        _slotStart = slotStart;
        _slotEnd = slotEnd;
        _slotVolunteer = slotVolunteer;
    }

    public IReadOnlyList<VolunteerCandidate> Volunteers { get; }

    /// <summary>Only needs inside this window can be queried; slots are clipped to it.</summary>
    public TimeWindow Horizon { get; }

    /// <summary>Number of (slot, kind, time bucket) entries, a measure of the index size.</summary>
    public int EntryCount => _slotVolunteer.Length;

    public static VolunteerIndex Build(IReadOnlyList<VolunteerCandidate> volunteers, TimeWindow horizon)
    {
        if (!horizon.IsValid) throw new ArgumentException("The horizon must be a non-empty window.", nameof(horizon));
        if (horizon.Duration.TotalSeconds >= int.MaxValue) throw new ArgumentException("The horizon is too long.", nameof(horizon));

        var kindBits = new Dictionary<string, int>();
        var skillBits = new Dictionary<string, int>();
        var kindMask = new ulong[volunteers.Count];
        var skillMask = new ulong[volunteers.Count];
        var home = new GeoPoint[volunteers.Count];
        var maxKm = new double[volunteers.Count];
        double cosSum = 0;
        for (var v = 0; v < volunteers.Count; v++)
        {
            home[v] = volunteers[v].Home;
            maxKm[v] = volunteers[v].MaxKm;
            kindMask[v] = Intern(volunteers[v].Kinds, kindBits);
            skillMask[v] = Intern(volunteers[v].Skills, skillBits);
            cosSum += Math.Cos(volunteers[v].Home.Lat * Math.PI / 180);
        }
        // Cells are square in km at the volunteers' mean latitude; any factor is correct, this one is efficient.
        var lonCellFactor = 1 / Math.Max(0.1, volunteers.Count == 0 ? 1 : cosSum / volunteers.Count);

        var entries = new Entries();
        var tiers = CollectEntries(volunteers, horizon, kindMask, lonCellFactor, entries);
        var (buckets, slotStart, slotEnd, slotVolunteer) = SortEntries(entries);
        return new VolunteerIndex(volunteers, horizon, kindBits, skillBits, skillMask, home, maxKm, lonCellFactor, tiers,
            buckets, slotStart, slotEnd, slotVolunteer);
    }

    /// <summary>The (slot, kind, time bucket) entries of the index before they are sorted.</summary>
    private sealed class Entries
    {
        public List<long> Keys { get; } = [];
        public List<int> Starts { get; } = [];
        public List<int> Ends { get; } = [];
        public List<int> Owners { get; } = [];
    }

    /// <summary>Adds an entry per slot, kind and time bucket of each volunteer; returns the tiers that have volunteers.</summary>
    private static int CollectEntries(IReadOnlyList<VolunteerCandidate> volunteers, TimeWindow horizon, ulong[] kindMask,
        double lonCellFactor, Entries entries)
    {
        var tiers = 0;
        var slots = new List<(int Start, int End)>();
        for (var v = 0; v < volunteers.Count; v++)
        {
            var volunteer = volunteers[v];
            if (volunteer.Availability.Paused || kindMask[v] == 0 || volunteer.MaxKm < 0) continue;
            var tier = TierOf(volunteer.MaxKm);
            var (cellLat, cellLon) = CellSize(tier, lonCellFactor);
            var cy = (long)Math.Floor((volunteer.Home.Lat + 90) / cellLat);
            var cx = (long)Math.Floor((volunteer.Home.Lon + 180) / cellLon);
            slots.Clear();
            CollectSlots(volunteer.Availability, horizon, slots);
            foreach (var (start, end) in slots)
            {
                for (var kinds = kindMask[v]; kinds != 0; kinds &= kinds - 1)
                {
                    var kind = BitOperations.TrailingZeroCount(kinds);
                    for (var bucket = start / BucketSeconds; bucket <= (end - 1) / BucketSeconds; bucket++)
                    {
                        entries.Keys.Add(Key(tier, kind, cy, cx, bucket));
                        entries.Starts.Add(start);
                        entries.Ends.Add(end);
                        entries.Owners.Add(v);
                    }
                }
            }
            if (slots.Count > 0) tiers |= 1 << tier;
        }
        return tiers;
    }

    /// <summary>Sorts the entries by (key, start) so each bucket is a contiguous run ordered by slot start.</summary>
    private static (Dictionary<long, Range> Buckets, int[] SlotStart, int[] SlotEnd, int[] SlotVolunteer) SortEntries(Entries entries)
    {
        var order = new int[entries.Keys.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var keyArray = entries.Keys.ToArray();
        var startArray = entries.Starts.ToArray();
        Array.Sort(order, (a, b) =>
        {
            var byKey = keyArray[a].CompareTo(keyArray[b]);
            return byKey != 0 ? byKey : startArray[a].CompareTo(startArray[b]);
        });
        var slotStart = new int[order.Length];
        var slotEnd = new int[order.Length];
        var slotVolunteer = new int[order.Length];
        var buckets = new Dictionary<long, Range>();
        for (var i = 0; i < order.Length; i++)
        {
            var e = order[i];
            slotStart[i] = startArray[e];
            slotEnd[i] = entries.Ends[e];
            slotVolunteer[i] = entries.Owners[e];
            var key = keyArray[e];
            buckets[key] = buckets.TryGetValue(key, out var range) ? range with { Count = range.Count + 1 } : new Range(i, 1);
        }
        buckets.TrimExcess();
        return (buckets, slotStart, slotEnd, slotVolunteer);
    }

    /// <summary>
    /// Adds to <paramref name="result"/> the indices (ascending) of the volunteers for whom
    /// <see cref="Eligibility.Check"/> returns None. <paramref name="result"/> is cleared first.
    /// </summary>
    public void FindCandidates(HelpNeed need, List<int> result)
    {
        result.Clear();
        if (!need.Window.IsValid) return;
        if (!Horizon.Contains(need.Window)) throw new ArgumentOutOfRangeException(nameof(need), "The need lies outside the index horizon.");
        if (!_kindBits.TryGetValue(need.Kind, out var kind) || !TryMask(need.Needs, _skillBits, out var skills)) return;

        var (start, end) = Seconds(need.Window, Horizon);
        var bucket = start / BucketSeconds;
        for (var tiers = _tiers; tiers != 0; tiers &= tiers - 1)
        {
            var tier = BitOperations.TrailingZeroCount(tiers);
            ScanTier(tier, need.Location, bucket, start, end, kind, skills, result);
        }

        result.Sort();
        var kept = 0;
        for (var i = 0; i < result.Count; i++)
        {
            var v = result[i];
            if (i > 0 && v == result[i - 1]) continue;
            if (Eligibility.Check(Volunteers[v], need) == Ineligibility.None) result[kept++] = v;
        }
        result.RemoveRange(kept, result.Count - kept);
    }

    private void ScanTier(int tier, GeoPoint at, long bucket, int start, int end, int kind, ulong skills, List<int> result)
    {
        var (cellLat, cellLon) = CellSize(tier, _lonCellFactor);
        var (minLat, maxLat, minLon, maxLon) = BoundingBox(at, tier == GlobalTier ? double.PositiveInfinity : Math.ScaleB(1, tier));
        var y1 = (long)Math.Floor((maxLat + 90) / cellLat);
        var x1 = (long)Math.Floor((maxLon + 180) / cellLon);
        for (var cy = (long)Math.Floor((minLat + 90) / cellLat); cy <= y1; cy++)
        {
            for (var cx = (long)Math.Floor((minLon + 180) / cellLon); cx <= x1; cx++)
            {
                if (!_buckets.TryGetValue(Key(tier, kind, cy, cx, bucket), out var range)) continue;
                for (var i = range.Start; i < range.Start + range.Count && _slotStart[i] <= start; i++)
                {
                    if (_slotEnd[i] < end) continue;
                    var v = _slotVolunteer[i];
                    // The same distance function as Eligibility.Check, so this drops nobody it would accept.
                    if ((_skillMask[v] & skills) == skills && !(_home[v].DistanceKm(at) > _maxKm[v])) result.Add(v);
                }
            }
        }
    }

    /// <summary>A lat/lon box containing every point within <paramref name="km"/> of <paramref name="at"/>.</summary>
    private static (double MinLat, double MaxLat, double MinLon, double MaxLon) BoundingBox(GeoPoint at, double km)
    {
        const double slack = 1e-9;
        var delta = km / EarthRadiusKm * 180 / Math.PI + slack;
        var minLat = at.Lat - delta;
        var maxLat = at.Lat + delta;
        if (minLat <= -90 || maxLat >= 90) return (Math.Max(minLat, -90), Math.Min(maxLat, 90), -180, 180); // a pole is inside
        var dLon = Math.Asin(Math.Min(1, Math.Sin(delta * Math.PI / 180) / Math.Cos(at.Lat * Math.PI / 180))) * 180 / Math.PI + slack;
        var minLon = at.Lon - dLon;
        var maxLon = at.Lon + dLon;
        return minLon < -180 || maxLon > 180 ? (minLat, maxLat, -180, 180) : (minLat, maxLat, minLon, maxLon);
    }

    private static int TierOf(double maxKm) =>
        double.IsNaN(maxKm) || maxKm >= 20_000 ? GlobalTier : maxKm <= 1 ? 0 : Math.Min(GlobalTier, (int)Math.Ceiling(Math.Log2(maxKm)));

    private static (double Lat, double Lon) CellSize(int tier, double lonCellFactor)
    {
        var lat = Math.ScaleB(1, tier - 1) / KmPerDegree;
        return (lat, lat * lonCellFactor);
    }

    // tier: 4 bits, kind: 6, cell row: 16, cell column: 17, time bucket: 21 (a thousand years).
    private static long Key(int tier, int kind, long cy, long cx, long bucket) =>
        (((((long)tier << 6 | (uint)kind) << 16 | cy) << 17 | cx) << 21) | bucket;

    private static (int Start, int End) Seconds(TimeWindow window, TimeWindow horizon)
    {
        // Starts round down and ends round up, on slots and needs alike, so containment is never lost.
        var start = (window.Start.UtcTicks - horizon.Start.UtcTicks) / TimeSpan.TicksPerSecond;
        var end = (window.End.UtcTicks - horizon.Start.UtcTicks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
        return ((int)start, (int)end);
    }

    private static ulong Intern(IEnumerable<string> codes, Dictionary<string, int> bits)
    {
        ulong mask = 0;
        foreach (var code in codes)
        {
            if (!bits.TryGetValue(code, out var bit))
            {
                bit = Math.Min(bits.Count, OtherBit);
                bits[code] = bit;
            }
            mask |= 1UL << bit;
        }
        return mask;
    }

    /// <summary>False when some code belongs to no volunteer at all, so nobody qualifies.</summary>
    private static bool TryMask(IEnumerable<string> codes, Dictionary<string, int> bits, out ulong mask)
    {
        mask = 0;
        foreach (var code in codes)
        {
            if (!bits.TryGetValue(code, out var bit)) return false;
            mask |= 1UL << bit;
        }
        return true;
    }

    private readonly record struct Range(int Start, int Count);
}
