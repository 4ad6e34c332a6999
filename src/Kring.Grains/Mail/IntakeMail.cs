namespace Kring.Grains.Mail;

/// <summary>
/// The mail about a carer's registration or referral, to whoever sent it: received, accepted (a carer with an account gets
/// the way in), declined. None without an address. Dutch only.
/// </summary>
public static class IntakeMail
{
    public static OutgoingMail? Received(CircleIntake intake, DateTimeOffset now) =>
        Notice(intake, "received", intake.AnswerTo, now, "Uw aanmelding bij de mantelzorgconsulent",
            intake.ReferredBy is null
                ? "Dank u wel voor uw aanmelding. De mantelzorgconsulent neemt contact met u op, meestal binnen een week."
                : $"Dank u wel dat u {MailTexts.FirstName(intake.Profile.CarerName)} hebt aangemeld. De mantelzorgconsulent neemt "
                  + "contact op met de mantelzorger zelf; zonder diens instemming gebeurt er niets.");

    public static OutgoingMail? Accepted(
        CircleIntake intake, string? userName, string? code, DateTimeOffset? codeExpires, Uri baseUrl, DateTimeOffset now)
    {
        if (userName is null || code is null || codeExpires is not { } expires)
        {
            return Notice(intake, "accepted", intake.AnswerTo, now, "Uw aanmelding is in behandeling",
                "De mantelzorgconsulent heeft de aanmelding aangenomen en neemt contact op met de mantelzorger.");
        }
        var signIn = new Uri(baseUrl, $"/Inloggen?gebruiker={Uri.EscapeDataString(userName)}");
        var until = Amsterdam.ToLocal(expires).ToString("dddd d MMMM 'om' HH:mm", MailTexts.Dutch);
        return Notice(intake, "accepted", intake.Profile.Contact?.Email, now, "Welkom bij Kring",
            "De mantelzorgconsulent heeft uw aanmelding aangenomen. In Kring vraagt u een maatje of vervangende zorg, en nodigt u "
            + "familie, buren en vrienden uit in uw eigen kring.\n\n"
            + $"Uw gebruikersnaam: {userName}\nUw eenmalige code: {code}\n\n"
            + $"Meld u aan op {signIn} en kies een eigen wachtwoord. De code werkt tot {until}.");
    }

    public static OutgoingMail? Declined(CircleIntake intake, DateTimeOffset now) =>
        Notice(intake, "declined", intake.AnswerTo, now, "Uw aanmelding bij de mantelzorgconsulent",
            "De mantelzorgconsulent heeft de aanmelding bekeken en neemt haar niet op in Kring. Wilt u weten waarom, of zoekt u "
            + "andere hulp? Neem dan contact op met het Steunpunt Mantelzorg.");

    public static OutgoingMail? Lapsed(CircleIntake intake, Uri baseUrl, DateTimeOffset now) =>
        Notice(intake, "lapsed", intake.AnswerTo, now, "Uw aanmelding bij de mantelzorgconsulent",
            "De aanmelding heeft te lang gewacht en is vervallen; de gegevens zijn weg. Is er nog steeds hulp nodig? Meld het "
            + $"dan opnieuw op {new Uri(baseUrl, "/MantelzorgerAanmelden")}, of bel het Steunpunt Mantelzorg.");

    private static OutgoingMail? Notice(CircleIntake intake, string step, string? to, DateTimeOffset now, string subject, string text)
    {
        if (string.IsNullOrEmpty(to)) return null;
        var name = intake.ReferredBy is null || to == intake.Profile.Contact?.Email ? intake.Profile.CarerName : intake.ReferredBy;
        return MailTexts.Notice($"intake/{intake.Id}/{step}", to, new ContactDetails(to, null), now, now, subject,
            $"Hallo {MailTexts.FirstName(name)},\n\n{text}");
    }
}
