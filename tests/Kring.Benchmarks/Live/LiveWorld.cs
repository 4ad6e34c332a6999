namespace Kring.Benchmarks.Live;

/// <summary>
/// Builds a <see cref="LiveInstance"/> in a silo through the grain interfaces only, as <c>BenchRegion</c> does: the
/// villages (which register themselves in the directory), the volunteers (availability first, so matching hears of each
/// once, complete) and the circles; then it wakes the region's matching shards.
/// </summary>
public static class LiveWorld
{
    public static async Task Build(IGrainFactory grains, LiveInstance live)
    {
        foreach (var village in live.Villages) await grains.GetGrain<IVillageGrain>(village.Id).Define(village);
        await InBatches(live.Volunteers, async v =>
        {
            var grain = grains.GetGrain<IVolunteerGrain>(v.Id);
            await grain.SetAvailability(v.Availability);
            await grain.Register(v.Profile);
        });
        await InBatches(live.Circles, c => grains.GetGrain<ICarerCircleGrain>(c.Id).Register(
            new CircleProfile(c.Id, c.Village, $"Mantelzorger {c.Id}", 60, $"Naaste {c.Id}", "partner", [], null, null)));
        await grains.GetGrain<IMatchingGrain>(MatchingShard.Key(LiveInstance.Region)).PendingCount();
        // The volunteers' change notifications are fire-and-forget and have no answer to wait for; BenchRegion's margin.
        await Task.Delay(500);
    }

    private static async Task InBatches<T>(IReadOnlyList<T> items, Func<T, Task> load)
    {
        const int batch = 32;
        for (var i = 0; i < items.Count; i += batch) await Task.WhenAll(items.Skip(i).Take(batch).Select(load));
    }
}
