using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kring.Hosting;

/// <summary>
/// Every few minutes (Kring:Bookings:SweepInterval, default 5 minutes) each village's bookings get their reminders and
/// their assumed completion (see IBookingsGrain). Nothing is kept in memory, so a restart loses nothing.
/// </summary>
public sealed class BookingSchedule(IGrainFactory grains, IConfiguration configuration, ILogger<BookingSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Kring:Bookings:SweepInterval", TimeSpan.FromMinutes(5));
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                foreach (var village in await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages())
                {
                    await grains.GetGrain<IBookingsGrain>(village.Id).Sweep();
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The bookings sweep failed; trying again in {Interval}", interval);
            }
        }
    }
}
