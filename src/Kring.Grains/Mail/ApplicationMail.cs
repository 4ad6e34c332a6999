namespace Kring.Grains.Mail;

/// <summary>The mail to someone who signed up as a volunteer: received, approved (with the way in), or declined. Dutch only.</summary>
public static class ApplicationMail
{
    public static OutgoingMail Received(VolunteerApplication application, string partner, DateTimeOffset now) =>
        Notice(application, "received", now, $"Uw aanmelding bij {partner}",
            $"Dank u wel voor uw aanmelding als vrijwilliger bij {partner}. De coördinator bekijkt haar en neemt zo nodig contact "
            + "met u op. Zodra zij is goedgekeurd, krijgt u een mail met uw gebruikersnaam en een eenmalige code.");

    public static OutgoingMail Approved(
        VolunteerApplication application, string partner, string userName, string code, DateTimeOffset codeExpires, Uri baseUrl,
        DateTimeOffset now)
    {
        var signIn = new Uri(baseUrl, $"/Inloggen?gebruiker={Uri.EscapeDataString(userName)}");
        var until = Amsterdam.ToLocal(codeExpires).ToString("dddd d MMMM 'om' HH:mm", MailTexts.Dutch);
        return Notice(application, "approved", now, $"Welkom bij {partner} in Kring",
            $"De coördinator van {partner} heeft uw aanmelding goedgekeurd. Welkom!\n\n"
            + $"Uw gebruikersnaam: {userName}\nUw eenmalige code: {code}\n\n"
            + $"Meld u aan op {signIn} en kies een eigen wachtwoord. De code werkt tot {until}. Zet daarna in Kring wanneer u "
            + "meestal kunt; dan krijgt u hulpvragen die bij u passen.");
    }

    /// <summary>
    /// A volunteer the coordinator made without an application (an import) gets the way in: user name, one-time code and
    /// sign-in link. Its id carries the user name, so it goes once per account.
    /// </summary>
    public static OutgoingMail Welcome(
        string name, string email, string partner, string userName, string code, DateTimeOffset codeExpires, Uri baseUrl,
        DateTimeOffset now)
    {
        var signIn = new Uri(baseUrl, $"/Inloggen?gebruiker={Uri.EscapeDataString(userName)}");
        var until = Amsterdam.ToLocal(codeExpires).ToString("dddd d MMMM 'om' HH:mm", MailTexts.Dutch);
        return MailTexts.Notice($"welcome/{userName}", email, new ContactDetails(email, null), now, now, $"Welkom bij {partner} in Kring",
            $"Hallo {MailTexts.FirstName(name)},\n\n{partner} heeft u als vrijwilliger in Kring gezet. Welkom!\n\n"
            + $"Uw gebruikersnaam: {userName}\nUw eenmalige code: {code}\n\n"
            + $"Meld u aan op {signIn} en kies een eigen wachtwoord. De code werkt tot {until}. Zet daarna in Kring wanneer u "
            + "meestal kunt; dan krijgt u hulpvragen die bij u passen.");
    }

    public static OutgoingMail Declined(VolunteerApplication application, string partner, DateTimeOffset now) =>
        Notice(application, "declined", now, $"Uw aanmelding bij {partner}",
            $"De coördinator van {partner} kan uw aanmelding als vrijwilliger nu niet aannemen. Wilt u weten waarom, of zoekt u "
            + "ander vrijwilligerswerk? Neem dan contact op met de organisatie zelf.\n\nDank u wel voor uw aanbod.");

    public static OutgoingMail Lapsed(VolunteerApplication application, string partner, Uri baseUrl, DateTimeOffset now) =>
        Notice(application, "lapsed", now, $"Uw aanmelding bij {partner}",
            $"Uw aanmelding als vrijwilliger bij {partner} heeft te lang gewacht en is vervallen; uw gegevens zijn weg. Wilt u nog "
            + $"steeds helpen? Meld u dan opnieuw aan op {new Uri(baseUrl, "/VrijwilligerWorden")}, of bel de organisatie.");

    private static OutgoingMail Notice(VolunteerApplication application, string step, DateTimeOffset now, string subject, string text) =>
        MailTexts.Notice($"application/{application.Id}/{step}", application.Email, new ContactDetails(application.Email, null), now,
            now, subject, $"Hallo {MailTexts.FirstName(application.Name)},\n\n{text}");
}
