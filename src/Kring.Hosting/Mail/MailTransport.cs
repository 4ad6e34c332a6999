using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Kring.Hosting.Mail;

/// <summary>Hands one message to the outside world.</summary>
public interface IMailTransport
{
    Task Send(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>SMTP through MailKit: what a municipality's mail relay speaks.</summary>
public sealed class SmtpTransport(MailSettings settings) : IMailTransport
{
    public async Task Send(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Host, settings.Port, Enum.Parse<SecureSocketOptions>(settings.Security, ignoreCase: true), cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName)) await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>The embedded default: each message as an .eml file, named after its Message-ID, so a retry overwrites it.</summary>
public sealed class PickupDirectoryTransport(string directory) : IMailTransport
{
    public async Task Send(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var name = string.Concat(message.MessageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')) + ".eml";
        var path = Path.Combine(directory, name);
        var temporary = path + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
