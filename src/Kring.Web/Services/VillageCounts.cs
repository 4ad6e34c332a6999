using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kring.Web.Services;

/// <summary>
/// A village's key figures: the overview's counts plus the requests still not matched a day after they were filed.
/// Exact on the contact person's page; anything that leaves the page (the live stream, exports) hides counts below
/// <see cref="SmallCountThreshold"/>, so a small number cannot point to one person. No count here is the sum of others
/// shown (young carers are some of the carers, the requests unmatched after a day some of the open and offered ones), so
/// unlike the monthly report (<see cref="Reports.SmallCounts"/>) no hidden count comes back by subtraction.
/// </summary>
public sealed record VillageCounts(
    string VillageId, string Name, int Carers, int YoungCarers, int Volunteers, int Open, int Offered, int Matched, int UnmatchedAfterADay)
{
    public const int SmallCountThreshold = Reports.SmallCounts.Threshold;
    public const string Suppressed = Reports.SmallCounts.Small;
    public static readonly TimeSpan UnmatchedAfter = TimeSpan.FromHours(24);

    /// <summary>The names used in the live stream, the export and the page's data-count attributes.</summary>
    public IEnumerable<(string Key, string Dutch, int Value)> Items()
    {
        yield return ("carers", "mantelzorgers", Carers);
        yield return ("youngCarers", "jongeren die zorgen voor een naaste", YoungCarers);
        yield return ("volunteers", "vrijwilligers", Volunteers);
        yield return ("open", "open hulpvragen", Open);
        yield return ("offered", "aangeboden hulpvragen", Offered);
        yield return ("matched", "gekoppelde hulpvragen", Matched);
        yield return ("unmatchedAfterADay", "na 24 uur nog niet gekoppeld", UnmatchedAfterADay);
    }

    public static async Task<VillageCounts> Load(IGrainFactory grains, string villageId, DateTimeOffset now)
    {
        var village = grains.GetGrain<IVillageGrain>(villageId);
        var overview = await village.GetOverview();
        var unsettled = await village.GetUnsettled();
        return new VillageCounts(overview.VillageId, overview.Name, overview.Carers, overview.YoungCarers, overview.Volunteers,
            overview.Open, overview.Offered, overview.Matched, unsettled.Count(r => now - r.CreatedAt >= UnmatchedAfter));
    }

    /// <summary>A count as it may leave the page: the number itself from 5 up, otherwise "&lt;5".</summary>
    public static object Safe(int count) => count < SmallCountThreshold ? Suppressed : count;

    /// <summary>The live stream's payload: {"villageId":..., "counts":{"carers":217,"open":"&lt;5",...}}.</summary>
    public string ToSafeJson(DateTimeOffset at) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["villageId"] = VillageId,
        ["at"] = at,
        ["counts"] = Items().ToDictionary(i => i.Key, i => Safe(i.Value)),
    });

    /// <summary>RFC 4180 CSV with a header row; small counts suppressed.</summary>
    public string ToSafeCsv()
    {
        var csv = new StringBuilder("dorp,onderdeel,aantal\r\n");
        foreach (var (_, dutch, value) in Items())
        {
            csv.Append(Quote(Name)).Append(',').Append(Quote(dutch)).Append(',')
                .Append(Quote(Convert.ToString(Safe(value), CultureInfo.InvariantCulture)!)).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string Quote(string value) => Reports.CsvCell.Quote(value, ',');
}
