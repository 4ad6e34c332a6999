using System.Text.Json;

namespace Kring.Cluster.Tests.Processes;

/// <summary>
/// Everything a restart must bring back, as JSON per item so two snapshots compare field by field: each request as
/// its circle has it (status, volunteer, history with timestamps), each volunteer's assignments, offers and
/// availability, each village's counts, the coordinators' queues and the matching shards' pending requests.
/// </summary>
public sealed class ClusterSnapshot
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private ClusterSnapshot(SortedDictionary<string, string> items) => Items = items;

    public IReadOnlyDictionary<string, string> Items { get; }

    public static async Task<ClusterSnapshot> Take(IGrainFactory grains, IEnumerable<(string CircleId, string RequestId)> requests,
        IEnumerable<string> volunteers)
    {
        var state = await ClusterState.Read(grains, requests, volunteers);
        var items = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, request) in state.Requests) items[$"request {id}"] = JsonSerializer.Serialize(request, Json);
        foreach (var (id, volunteer) in state.Volunteers)
        {
            items[$"volunteer {id} assignments"] = JsonSerializer.Serialize(volunteer.Assignments, Json);
            items[$"volunteer {id} offers"] = JsonSerializer.Serialize(volunteer.Offers.OrderBy(o => o.Id, StringComparer.Ordinal), Json);
            items[$"volunteer {id} availability"] = JsonSerializer.Serialize(volunteer.Availability, Json);
        }
        foreach (var village in await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages())
        {
            items[$"village {village.Id}"] = JsonSerializer.Serialize(await grains.GetGrain<IVillageGrain>(village.Id).GetOverview(), Json);
        }
        foreach (var partner in await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetPartners())
        {
            var queue = await grains.GetGrain<IPartnerGrain>(partner.Id).GetQueue();
            items[$"partner {partner.Id} queue"] = JsonSerializer.Serialize(queue.Select(q => q.Request.Id).Order(StringComparer.Ordinal),
                Json);
        }
        var shard = MatchingShard.Key("stein");
        items[$"shard {shard} pending"] = (await grains.GetGrain<IMatchingGrain>(shard).PendingCount())
            .ToString(CultureInfo.InvariantCulture);
        return new ClusterSnapshot(items);
    }

    /// <summary>What differs from <paramref name="other"/>: one line per item, with both values.</summary>
    public IReadOnlyList<string> Differences(ClusterSnapshot other) =>
        Items.Keys.Union(other.Items.Keys).Order(StringComparer.Ordinal)
            .Where(key => Items.GetValueOrDefault(key) != other.Items.GetValueOrDefault(key))
            .Select(key =>
                $"{key}:\n  before {Items.GetValueOrDefault(key) ?? "(absent)"}\n" +
                $"  after  {other.Items.GetValueOrDefault(key) ?? "(absent)"}")
            .ToList();

    public Task Save(string file) => File.WriteAllLinesAsync(file, Items.Select(i => $"{i.Key}: {i.Value}"));
}
