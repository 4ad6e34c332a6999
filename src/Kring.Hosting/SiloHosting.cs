using Kring.Grains.Operations;
using Kring.Grains;
using Kring.Hosting.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Dashboard;

namespace Kring.Hosting;

public static class SiloHosting
{
    /// <summary>Cluster mode: Orleans' ClusterMembershipOptions (failure detection), bound from this section.</summary>
    public const string MembershipSection = "Kring:Membership";

    /// <summary>
    /// The embedded default: one silo, SQLite grain storage through Orleans' ADO.NET provider, localhost clustering and
    /// in-memory reminders (SQLite has no clustering or reminder tables). Creates the schema on first start. Its silo and
    /// gateway ports speak mutual TLS with a certificate of its own (see <see cref="ClusterCertificate"/>), so no other
    /// local user's Orleans client gets in.
    /// </summary>
    public static ISiloBuilder UseKringEmbedded(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = configuration.GetSection(KringSettings.Section).Get<KringSettings>() ?? new KringSettings();
        Directory.CreateDirectory(settings.FullDataDirectory);
        SqliteSchema.EnsureCreated(settings.SqliteConnectionString);

        silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        silo.UseClusterTls(ClusterCertificate.For(settings, clusterMode: false));
        silo.AddKringStorage(options =>
        {
            options.Invariant = "System.Data.SQLite";
            options.ConnectionString = settings.SqliteConnectionString;
        }, oneAtATime: true);
        silo.UseInMemoryReminderService();
        return silo.AddKringCore(configuration);
    }

    /// <summary>
    /// Cluster mode: membership, grain storage and reminders in PostgreSQL (Kring:PostgreSql) through Orleans' ADO.NET
    /// providers, so silos on several machines form one cluster. Applies the schema scripts first.
    /// Each silo needs its own Kring:SiloPort and Kring:GatewayPort when they share a machine. Silos and clients speak
    /// mutual TLS with the cluster certificate from Kring:ClusterTls (see <see cref="ClusterCertificate"/>).
    /// </summary>
    public static ISiloBuilder UseKringCluster(this ISiloBuilder silo, IConfiguration configuration)
    {
        const string invariant = "Npgsql";
        var settings = configuration.GetSection(KringSettings.Section).Get<KringSettings>() ?? new KringSettings();
        var connectionString = !string.IsNullOrWhiteSpace(settings.PostgreSql)
            ? settings.PostgreSql
            : throw new InvalidOperationException(
                "Cluster mode needs a PostgreSQL connection string in Kring:PostgreSql (Kring__PostgreSql).");
        var certificate = ClusterCertificate.For(settings, clusterMode: true);
        PostgresSchema.EnsureCreated(connectionString);

        var advertised = settings.AdvertisedIp is { Length: > 0 } ip ? System.Net.IPAddress.Parse(ip) : HostAddress();
        silo.ConfigureEndpoints(
            advertised, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: !System.Net.IPAddress.IsLoopback(advertised));
        silo.UseClusterTls(certificate);
        silo.Services.Configure<Orleans.Configuration.ClusterOptions>(options =>
        {
            options.ServiceId = settings.ServiceId;
            options.ClusterId = settings.ClusterId;
        });
        // Failure detection: any ClusterMembershipOptions property, e.g. Kring:Membership:ProbeTimeout=00:00:02 and
        // Kring:Membership:NumMissedProbesLimit=2 to declare a crashed silo dead in seconds. Orleans' defaults otherwise.
        silo.Services.Configure<Orleans.Configuration.ClusterMembershipOptions>(configuration.GetSection(MembershipSection));
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = invariant;
            options.ConnectionString = connectionString;
        });
        silo.AddKringStorage(options =>
        {
            options.Invariant = invariant;
            options.ConnectionString = connectionString;
        }, oneAtATime: false);
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = invariant;
            options.ConnectionString = connectionString;
        });
        return silo.AddKringCore(configuration);
    }

    /// <summary>What every Kring silo has, whatever its storage: JSON state, matching options, the dashboard, recovery.</summary>
    public static ISiloBuilder AddKringCore(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.AddKringGrainServices(configuration);
        // The live log stream would show operators whatever the silo logs, personal data included.
        silo.AddDashboard(options => options.HideTrace = true);
        silo.Services.AddHostedService<Seeding.SeedHostedService>();
        silo.Services.AddHostedService<MatchingKeepAlive>();
        silo.Services.AddHostedService<RetentionSchedule>();
        silo.Services.AddHostedService<BookingSchedule>();
        silo.Services.AddKringMailDelivery(configuration);
        return silo;
    }

    /// <summary>
    /// Only what the grains themselves need: JSON state, the options and a clock. No seeding, dashboard or keep-alive,
    /// so tests can host the grains on their own storage and clock. Registers TimeProvider.System unless a clock is registered already.
    /// </summary>
    public static ISiloBuilder AddKringGrainServices(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.Configure<MatchingOptions>(configuration.GetSection(MatchingOptions.Section));
        silo.Services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        silo.Services.Configure<LimitOptions>(configuration.GetSection(LimitOptions.Section));
        silo.Services.Configure<KringSettings>(configuration.GetSection(KringSettings.Section));
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<KringMetrics>();
        silo.Services.AddKringPublicAddress();
        return silo;
    }

    /// <summary>This host's own IPv4 address, for a silo in a container whose address is only known at start.</summary>
    private static System.Net.IPAddress HostAddress() =>
        System.Net.Dns.GetHostAddresses(System.Net.Dns.GetHostName())
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a))
        ?? throw new InvalidOperationException("Kring:AdvertisedIp is empty and this host has no IPv4 address other than loopback.");
}
