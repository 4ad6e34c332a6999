using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;
using Polly;
using Polly.Retry;

namespace Kring.Hosting.Mail;

/// <summary>
/// Runs on every silo: leases due messages from the outboxes (all outboxes at once, up to 50 messages each, sent over one
/// SMTP connection), sends them, and reports back. A quick retry through Polly
/// rides out a blip; a message that still fails is handed back to its outbox, which waits longer each time and parks it
/// in the end. The Message-ID comes from the message's stable id, so a message sent again after a crash is the same mail.
/// </summary>
public sealed partial class MailDelivery(
    IGrainFactory grains, IMailTransport transport, MailSettings settings, ILogger<MailDelivery> logger)
    : BackgroundService
{
    private const int Batch = 50;

    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(250),
        })
        .AddTimeout(TimeSpan.FromSeconds(30))
        .Build();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await Task.WhenAll(MailOutboxes.Keys.Select(key => Serve(key, stoppingToken)));
        }
    }

    private async Task Serve(string key, CancellationToken stoppingToken)
    {
        try
        {
            await Deliver(grains.GetGrain<IMailOutboxGrain>(key), stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogOutboxFailed(logger, e, key);
        }
    }

    private async Task Deliver(IMailOutboxGrain outbox, CancellationToken stoppingToken)
    {
        var due = await outbox.Lease(Batch);
        if (due.Count == 0) return;
        var delivered = new List<string>();
        await using var session = transport.Open();
        for (var i = 0; i < due.Count; i++)
        {
            try
            {
                await _retry.ExecuteAsync(async ct => await session.Send(ToMime(due[i], settings.From), ct), stoppingToken);
                delivered.Add(due[i].Id);
            }
            catch (MailKit.Net.Smtp.SmtpCommandException e) when (!stoppingToken.IsCancellationRequested)
            {
                // The server refused this one message (an address, say): the others go on.
                LogRefused(logger, due[i].Id, e.Message);
                await outbox.Failed(due[i].Id, e.Message, settings.MaxAttempts);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The server is away or refuses: the rest of the batch waits for its next try too, rather than each
                // message running into the same wall.
                LogNotSentYet(logger, due.Count - i, e.Message);
                foreach (var mail in due.Skip(i)) await outbox.Failed(mail.Id, e.Message, settings.MaxAttempts);
                break;
            }
        }
        if (delivered.Count > 0) await outbox.Delivered(delivered);
    }

    public static MimeMessage ToMime(OutgoingMail mail, string from)
    {
        var message = new MimeMessage
        {
            MessageId = MessageId(mail.Id),
            Subject = mail.Subject,
            Date = mail.QueuedAt,
            Body = new TextPart("plain") { Text = mail.TextBody },
        };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Headers.Add("Content-Language", mail.Language);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    /// <summary>The same message id gives the same Message-ID, on any silo and after any restart.</summary>
    public static string MessageId(string mailId)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(mailId));
        return $"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}@kring";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail outbox {Outbox} could not be served")]
    private static partial void LogOutboxFailed(ILogger logger, Exception exception, string outbox);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MailId} refused: {Error}")]
    private static partial void LogRefused(ILogger logger, string mailId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail not sent yet ({Count} message(s) wait): {Error}")]
    private static partial void LogNotSentYet(ILogger logger, int count, string error);
}
