using Orleans.Runtime;

namespace Kring.Web.Services;

/// <summary>
/// The operator's view of the care Kring carries, read from the grains: every region's shard, the outbox and the silos,
/// and which of the rules in deploy/prometheus/alerts.yml hold now. Counts only; nothing here names a person.
/// </summary>
public static class OperationsDesk
{
    /// <summary>How long a dead silo that nothing replaced still counts as down; after that it was taken away on purpose.</summary>
    private static readonly TimeSpan DownFor = TimeSpan.FromHours(24);

    public sealed record Overview(
        IReadOnlyList<ShardBacklog> Shards,
        IReadOnlyDictionary<string, string> VillageNames,
        MailDesk.Overview Mail,
        IReadOnlyList<Alert> Alerts);

    /// <summary>
    /// The cluster's membership as the page reads it: the active silos, and those declared dead in the last day whose
    /// address no active silo has taken over since.
    /// </summary>
    public sealed record Silos(int Active, IReadOnlyList<string> Down);

    /// <summary>A rule of alerts.yml that holds now; <see cref="Dutch"/> is the page's text, with its figures.</summary>
    public sealed record Alert(string Rule, string Dutch, object[] Figures);

    /// <param name="silos">The membership, read first on its own; null when the cluster did not answer.</param>
    public static async Task<Overview> Read(IGrainFactory grains, Silos? silos)
    {
        var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
        var shards = await Task.WhenAll(villages.Select(v => v.Region).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(region => grains.GetGrain<IMatchingGrain>(MatchingShard.Key(region)).GetBacklog()));
        var mail = await MailDesk.Read(grains);
        return new Overview(shards, villages.ToDictionary(v => v.Id, v => v.Name, StringComparer.Ordinal), mail,
            Alerts(shards, mail, silos?.Down ?? []));
    }

    /// <summary>The rules of alerts.yml that this page can judge from the grains alone, as they stand at this moment.</summary>
    public static IReadOnlyList<Alert> Alerts(IReadOnlyList<ShardBacklog> shards, MailDesk.Overview mail, IReadOnlyList<string> downSilos)
    {
        var alerts = new List<Alert>();
        foreach (var shard in shards.Where(s => s.StartingWithin24Hours > 0))
        {
            alerts.Add(new Alert("KringRequestUnmatchedNearStart",
                "Hulpvragen in regio {1} die binnen 24 uur beginnen en nog geen vrijwilliger hebben: {0}.",
                [shard.StartingWithin24Hours, shard.Region]));
        }
        foreach (var shard in shards.Where(s => s.Overdue > 0))
        {
            alerts.Add(new Alert("KringShardBehindDeadline",
                "Hulpvragen in regio {1} die al begonnen zijn en nog openstaan: {0}. De matching loopt achter.",
                [shard.Overdue, shard.Region]));
        }
        if (mail.Parked.Count > 0)
        {
            alerts.Add(new Alert("KringMailParked", "Berichten geparkeerd na hun laatste poging: {0}.", [mail.Parked.Count]));
        }
        if (downSilos.Count > 0)
        {
            alerts.Add(new Alert("KringSiloDown", "Silo('s) uitgevallen: {0}.", [string.Join(", ", downSilos)]));
        }
        return alerts;
    }

    public static async Task<Silos> ReadSilos(IGrainFactory grains, DateTimeOffset now)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false).WaitAsync(TimeSpan.FromSeconds(5));
        var active = hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloAddress.Endpoint).ToHashSet();
        var down = hosts.Where(h => h.Status == SiloStatus.Dead && !active.Contains(h.SiloAddress.Endpoint)
                && now - new DateTimeOffset(h.IAmAliveTime, TimeSpan.Zero) < DownFor)
            .Select(h => $"{h.SiloName} ({h.SiloAddress.Endpoint})").Distinct(StringComparer.Ordinal).ToList();
        return new Silos(active.Count, down);
    }
}
