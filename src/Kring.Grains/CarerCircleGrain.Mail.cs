using Kring.Grains.Mail;

namespace Kring.Grains;

/// <summary>The mails to the carer.</summary>
public sealed partial class CarerCircleGrain
{
    public async Task<string?> RemindCarer(string requestId)
    {
        if (!state.State.Requests.TryGetValue(requestId, out var record) || record.Status != RequestStatus.Matched) return null;
        var now = clock.GetUtcNow();
        if (record.Start <= now || record.Start - now > MailTexts.ReminderLead) return record.VolunteerId;
        if (state.State.Profile?.Contact is { Reminders: true })
        {
            await QueueCarerMail(contact =>
                MailTexts.Reminder($"reminder/{record.Id}/carer", record.Kind, record.Start, record.End, null, contact.Email!, contact,
                new Uri(links.Base, "/Hulpvragen"), now, record.Helper?.FirstName));
        }
        return record.VolunteerId;
    }

    /// <summary>The carer hears that help is coming, and from whom, before the volunteer's accept is answered.</summary>
    private Task QueueMatchedMail(HelpRequestRecord record) =>
        QueueCarerMail(contact =>
            MailTexts.Matched(record.Id, record.VolunteerId!, record.Kind, record.Start, record.End, contact.Email!, contact, record.Helper,
            links.Base, clock.GetUtcNow()));

    private async Task QueueCarerMail(Func<ContactDetails, OutgoingMail> compose)
    {
        if (state.State.Profile?.Contact is not { Email: { Length: > 0 } email } contact) return;
        await GrainFactory.GetGrain<IMailOutboxGrain>(MailOutboxes.For(email)).Queue(compose(contact));
    }
}
