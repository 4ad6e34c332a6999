using Kring.Matching.Waves;
using static Kring.Matching.Tests.Make;

namespace Kring.Matching.Tests;

/// <summary>Builders for a shard's passes: Stein and Elsloo, neighbours, and volunteers free on 1 March 09:00–17:00.</summary>
internal static class Shard
{
    public static readonly DateTimeOffset Now = At(2027, 2, 28, 12);
    private static readonly GeoPoint Far = new(51.5, 6.2);

    public static ShardIndex Index(params VolunteerCandidate[] volunteers)
    {
        var index = new ShardIndex();
        index.LoadVillages("west", [
            new ShardVillage("stein", "west", Stein, ["elsloo"]),
            new ShardVillage("elsloo", "west", Elsloo, ["stein"]),
            new ShardVillage("venlo", "north", Far, []),
        ], borderKm: 10);
        foreach (var volunteer in volunteers) index.Put(volunteer);
        return index;
    }

    public static VolunteerCandidate From(string id, string village, IReadOnlyList<TimeWindow>? commitments = null) => new()
    {
        Id = id,
        HomeVillage = village,
        Home = village == "stein" ? Stein : Elsloo,
        MaxKm = 10,
        Kinds = Codes("respite"),
        Skills = Codes("dementia"),
        Availability = new Availability { Slots = [March(1, 9, 17)] },
        Commitments = commitments ?? [],
    };

    public static WaveRequest Request(string id, TimeWindow? window = null, string village = "elsloo", Reach reach = Reach.Village,
        string[]? tried = null, string? preferred = null, string? series = null, string[]? offered = null, string[]? previous = null) =>
        new(Need(id, window: window, previous: previous), village, reach, (tried ?? []).Concat(offered ?? []).ToHashSet(), preferred,
            series)
        {
            Offered = offered ?? [],
        };

    public static WavePass Pass(ShardIndex index, int size = 3, IEnumerable<(string, DateTimeOffset)>? offered = null,
        IEnumerable<(string, TimeWindow)>? busy = null) =>
        new(index, size, Now, offered ?? [], busy);

    public static WaveChoice Of(this IEnumerable<WaveChoice> choices, string requestId) =>
        Assert.Single(choices, c => c.Request.Need.Id == requestId);
}
