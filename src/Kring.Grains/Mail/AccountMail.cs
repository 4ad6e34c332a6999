namespace Kring.Grains.Mail;

/// <summary>Mail about the account itself.</summary>
public static class AccountMail
{
    /// <summary>The link that sets a new password, once, until it expires. It goes at once, whatever the quiet hours.</summary>
    public static OutgoingMail PasswordReset(
        string userName, string code, DateTimeOffset expiresAt, ContactDetails contact, Uri baseUrl, DateTimeOffset now)
    {
        var en = contact.Language == "en";
        var link = new Uri(baseUrl, $"/WachtwoordHerstellen?gebruiker={Uri.EscapeDataString(userName)}&code={Uri.EscapeDataString(code)}");
        var until = Amsterdam.ToLocal(expiresAt).ToString("HH:mm", MailTexts.Dutch);
        return MailTexts.Notice($"reset/{userName}/{now.ToUnixTimeSeconds()}", contact.Email!, contact, now, now,
            en ? "A new password for Kring" : "Een nieuw wachtwoord voor Kring",
            en ? $"Someone asked for a new password for the Kring account {userName}. If that was you, choose one here (the "
                 + $"link works once, until {until}):\n\n{link}\n\nIf it was not you, ignore this mail: your password stays as it is."
               : $"Iemand vroeg een nieuw wachtwoord aan voor het Kring-account {userName}. Was u dat? Kies het hier (de link werkt "
                 + $"één keer, tot {until}):\n\n{link}\n\n"
                 + "Was u het niet? Dan kunt u deze mail negeren: uw wachtwoord blijft zoals het is.");
    }
}
