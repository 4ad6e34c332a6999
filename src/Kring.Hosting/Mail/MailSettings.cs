namespace Kring.Hosting.Mail;

/// <summary>
/// Kring:Mail. With a <see cref="Host"/>, mail goes out over SMTP (a municipality's relay); without one (the embedded
/// default) every message is written as an .eml file under &lt;DataDirectory&gt;/mail/.
/// </summary>
public sealed class MailSettings
{
    public const string Section = "Kring:Mail";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string From { get; set; } = "Kring <kring@localhost>";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>None, Auto, SslOnConnect or StartTls (MailKit's SecureSocketOptions); Auto uses STARTTLS when offered.</summary>
    public string Security { get; set; } = "Auto";
    /// <summary>After this many failed attempts a message is parked for the operator.</summary>
    public int MaxAttempts { get; set; } = 12;
    /// <summary>How often each silo looks for due mail.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
