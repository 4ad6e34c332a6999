using Kring.Grains.Mail;

namespace Kring.Grains;

/// <summary>
/// Walks a village's matched requests: a reminder to both sides within a day of the start, and completion with the
/// planned hours a week after the end when the volunteer did not report. Every step is idempotent, so a sweep that
/// stops halfway is simply finished by the next one.
/// </summary>
public sealed class BookingsGrain(TimeProvider clock) : Grain, IBookingsGrain
{
    public static readonly TimeSpan AssumeAfter = TimeSpan.FromDays(7);

    public async Task<(int Reminded, int Completed)> Sweep()
    {
        var now = clock.GetUtcNow();
        var matched = await GrainFactory.GetGrain<IVillageGrain>(this.GetPrimaryKeyString()).GetMatched();
        int reminded = 0, completed = 0;
        foreach (var request in matched)
        {
            var circle = GrainFactory.GetGrain<ICarerCircleGrain>(request.CircleId);
            if (request.Start > now && request.Start - now <= MailTexts.ReminderLead)
            {
                if (await circle.RemindCarer(request.Id) is { } volunteerId) await GrainFactory.GetGrain<IVolunteerGrain>(volunteerId)
                    .RemindOfBooking(request.Id);
                reminded++;
            }
            else if (now - request.End >= AssumeAfter
                && (await circle.GetRequest(request.Id)) is { Status: RequestStatus.Matched, VolunteerId: { } booked } view)
            {
                if (await circle.Complete(request.Id, booked, (view.End - view.Start).TotalHours, happened: true, reason: null,
                    assumed: true)) completed++;
            }
        }
        return (reminded, completed);
    }
}
