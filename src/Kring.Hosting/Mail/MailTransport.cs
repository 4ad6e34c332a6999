using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Kring.Hosting.Mail;

/// <summary>Hands messages to the outside world, a batch at a time.</summary>
public interface IMailTransport
{
    IMailSession Open();
}

/// <summary>One batch: the SMTP transport keeps one connection for it, and opens a new one after a failure.</summary>
public interface IMailSession : IAsyncDisposable
{
    Task Send(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>SMTP through MailKit: what a municipality's mail relay speaks.</summary>
public sealed class SmtpTransport(MailSettings settings) : IMailTransport
{
    public IMailSession Open() => new Session(settings);

    private sealed class Session(MailSettings settings) : IMailSession
    {
        private SmtpClient? _client;

        public async Task Send(MimeMessage message, CancellationToken cancellationToken)
        {
            try
            {
                if (_client is not { IsConnected: true })
                {
                    _client?.Dispose();
                    _client = new SmtpClient();
                    var host = settings.Host ?? throw new InvalidOperationException("SMTP needs Kring:Mail:Host.");
                    var security = Enum.Parse<SecureSocketOptions>(settings.Security, ignoreCase: true);
                    await _client.ConnectAsync(host, settings.Port, security, cancellationToken);
                    if (!string.IsNullOrEmpty(settings.UserName))
                    {
                        await _client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
                    }
                }
                await _client.SendAsync(message, cancellationToken);
            }
            catch
            {
                // The connection's state is unknown after a failure: the next message starts afresh.
                _client?.Dispose();
                _client = null;
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_client is { IsConnected: true } client)
            {
                try
                {
                    await client.DisconnectAsync(quit: true);
                }
                catch (Exception e) when (e is IOException or SmtpProtocolException or OperationCanceledException)
                {
                    // The messages were accepted already; a failed goodbye changes nothing.
                }
            }
            _client?.Dispose();
        }
    }
}

/// <summary>The embedded default: each message as an .eml file, named after its Message-ID, so a retry overwrites it.</summary>
public sealed class PickupDirectoryTransport(string directory) : IMailTransport, IMailSession
{
    public IMailSession Open() => this;

    public async Task Send(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var name = string.Concat((message.MessageId ?? "").Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')) + ".eml";
        var path = Path.Combine(directory, name);
        var temporary = path + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
