using Kring.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Kring.Grains.Tests.Infrastructure;

/// <summary>
/// One silo with the Kring grains on in-memory storage, a manual clock and a filter that can drop notifications.
/// The seed service, dashboard and keep-alive are left out: every test builds its own small world in its own region,
/// so tests sharing a cluster never see each other's volunteers or requests.
/// </summary>
public abstract class GrainCluster : IAsyncLifetime
{
    /// <summary>Monday 7 January 2030, 09:00 in Amsterdam.</summary>
    public static readonly DateTimeOffset Start = new(2030, 1, 7, 8, 0, 0, TimeSpan.Zero);

    public ManualClock Clock { get; } = new(Start);
    public NotificationDropper Dropper { get; } = new();
    public ConfirmBarrier Barrier { get; } = new();
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;

    protected abstract void Configure(MatchingOptions options);

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(KringStorage.Name);
            silo.AddKringGrainServices(new ConfigurationBuilder().Build());
            silo.Services.Configure<MatchingOptions>(Configure);
            // Grains (and their timers) run on the manual clock; Orleans' own machinery stays on real time.
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.AddIncomingGrainCallFilter(Dropper);
            silo.AddOutgoingGrainCallFilter(Barrier);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>
    /// Moves the clock on, firing the grain timers (the shards' ticks) that fall due. Waits first until every earlier
    /// tick has finished and re-armed its timer, or the tick would miss this advance.
    /// </summary>
    public async Task AdvanceClock(TimeSpan by)
    {
        await Eventually.Until(() => Task.FromResult(Clock.TimersSettled), "every grain timer that fired has finished its tick");
        Clock.Advance(by);
    }

    /// <summary>
    /// Kills the silo instead of stopping it: the state lives in memory and goes with it, and a graceful stop waits
    /// 30 s for the grains that write on deactivation, as memory storage (grains itself) is already going.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Cluster is null) return;
        await Cluster.KillClientAsync();
        foreach (var silo in Cluster.GetActiveSilos().ToList()) await Cluster.KillSiloAsync(silo);
        await Cluster.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>One volunteer per wave, so who is next is observable.</summary>
public sealed class WaveOfOneCluster : GrainCluster
{
    protected override void Configure(MatchingOptions options)
    {
        options.WaveSize = 1;
        options.OfferTimeout = TimeSpan.FromHours(4);
        options.TickInterval = TimeSpan.FromMinutes(1);
        options.ReconcileInterval = TimeSpan.FromMinutes(10);
    }
}

/// <summary>Two volunteers get the same offer, so they can race for it.</summary>
public sealed class WaveOfTwoCluster : GrainCluster
{
    public static readonly TimeSpan OfferTimeout = TimeSpan.FromHours(4);

    protected override void Configure(MatchingOptions options)
    {
        options.WaveSize = 2;
        options.OfferTimeout = TimeSpan.FromHours(4);
        options.TickInterval = TimeSpan.FromMinutes(1);
        options.ReconcileInterval = TimeSpan.FromMinutes(10);
    }
}

/// <summary>
/// Short deadlines for the tests that move the clock. The reconcile interval equals the tick interval on purpose:
/// every tick then also reconciles, which must not keep offers from lapsing.
/// </summary>
public sealed class DeadlineCluster : GrainCluster
{
    public static readonly TimeSpan OfferTimeout = TimeSpan.FromMinutes(30);

    protected override void Configure(MatchingOptions options)
    {
        options.WaveSize = 1;
        options.OfferTimeout = OfferTimeout;
        options.TickInterval = TimeSpan.FromMinutes(1);
        options.ReconcileInterval = TimeSpan.FromMinutes(1);
    }
}
