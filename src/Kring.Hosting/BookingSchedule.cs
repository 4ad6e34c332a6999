using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kring.Hosting;

/// <summary>
/// Every few minutes (Kring:Bookings:SweepInterval, default 5 minutes) each village's bookings get their reminders and
/// their assumed completion (see IBookingsGrain), and from 07:00 each partner's coordinators their daily digest (see
/// ICoordinatorDigestGrain). The digest grains know whether today's digest went out, so a restart loses nothing; this
/// service only remembers the day its round finished, so it does not ask every partner again on each sweep.
/// </summary>
public sealed partial class BookingSchedule(
    IGrainFactory grains, IConfiguration configuration, ILogger<BookingSchedule> logger) : BackgroundService
{
    /// <summary>Coordinators get the digest of their queue from this hour (Europe/Amsterdam) on, once a day.</summary>
    public const int DigestHour = 7;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Kring:Bookings:SweepInterval", TimeSpan.FromMinutes(5));
        using var timer = new PeriodicTimer(interval);
        DateOnly? digestsSent = null;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var directory = grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default);
                foreach (var village in await directory.GetVillages())
                {
                    await grains.GetGrain<IBookingsGrain>(village.Id).Sweep();
                }
                var now = Amsterdam.ToLocal(TimeProvider.System.GetUtcNow());
                var today = DateOnly.FromDateTime(now.DateTime);
                if (now.Hour >= DigestHour && digestsSent != today)
                {
                    foreach (var partner in await directory.GetPartners())
                    {
                        await grains.GetGrain<ICoordinatorDigestGrain>(partner.Id).SendToday();
                    }
                    digestsSent = today;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRetry(logger, e, interval);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bookings sweep failed; trying again in {Interval}")]
    private static partial void LogRetry(ILogger logger, Exception exception, TimeSpan interval);
}
