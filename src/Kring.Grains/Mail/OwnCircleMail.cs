namespace Kring.Grains.Mail;

/// <summary>
/// The mail to a circle's own people: the invitation, a request they may take before volunteers hear of it, and that they
/// are out of the circle.
/// </summary>
public static class OwnCircleMail
{
    /// <summary>The invitation, with the one-time code that opens their account for this circle only.</summary>
    public static OutgoingMail Invitation(
        CircleMember member, string carerFirstName, string code, DateTimeOffset codeExpires, Uri baseUrl, DateTimeOffset now)
    {
        var signIn = new Uri(baseUrl, $"/Inloggen?gebruiker={Uri.EscapeDataString(member.UserName)}");
        var until = Amsterdam.ToLocal(codeExpires).ToString("dddd d MMMM 'om' HH:mm", MailTexts.Dutch);
        var body = $"Hallo {MailTexts.FirstName(member.Name)},\n\n"
            + $"{carerFirstName} nodigt u uit in de eigen kring in Kring. Daar ziet u wanneer {carerFirstName} hulp kan gebruiken, "
            + "en met één tik zegt u dat u het doet. Vrijwilligers horen er pas van als niemand uit de eigen kring kan.\n\n"
            + $"Uw gebruikersnaam: {member.UserName}\nUw eenmalige code: {code}\n\n"
            + $"Meld u aan op {signIn} en kies een eigen wachtwoord. De code werkt tot {until}.";
        return MailTexts.Notice($"invitation/{member.Id}", member.Email, new ContactDetails(member.Email, null), now, now,
            $"{carerFirstName} nodigt u uit in de eigen kring", body);
    }

    /// <summary>A new request for the circle's own people, with until when only they see it.</summary>
    public static OutgoingMail Asked(
        string requestId, CircleMember member, string carerFirstName, HelpKind kind, DateTimeOffset start, DateTimeOffset end,
        DateTimeOffset until, Uri baseUrl, DateTimeOffset now)
    {
        var when = MailTexts.When(start, end, MailTexts.Dutch);
        var deadline = Amsterdam.ToLocal(until).ToString("dddd d MMMM 'om' HH:mm", MailTexts.Dutch);
        var body = $"Hallo {MailTexts.FirstName(member.Name)},\n\n"
            + $"{carerFirstName} vraagt of iemand uit de eigen kring kan helpen: {MailTexts.Kind(kind, english: false)} op {when}.\n\n"
            + $"Kunt u? Zeg het op {new Uri(baseUrl, "/MijnKring")}\n\n"
            + $"Kan niemand uit de eigen kring vóór {deadline}, dan vraagt Kring het aan vrijwilligers.";
        return MailTexts.Notice($"owncircle/{requestId}/{member.Id}", member.Email, new ContactDetails(member.Email, null), now, start,
            $"Kunt u helpen? {when}", body);
    }

    /// <summary>The member is out of the circle, by their own choice or the carer's: their account is gone.</summary>
    public static OutgoingMail Removed(CircleMember member, string carerFirstName, Uri baseUrl, DateTimeOffset now)
    {
        var body = $"Hallo {MailTexts.FirstName(member.Name)},\n\n"
            + $"U hoort niet meer bij de eigen kring van {carerFirstName} in Kring, en uw account is opgeheven. Afspraken die nog "
            + "zouden komen, vraagt Kring aan anderen.\n\n"
            + $"Was dit een vergissing? Dan kan {carerFirstName} u opnieuw uitnodigen. Meer over Kring: {baseUrl}";
        return MailTexts.Notice($"leftcircle/{member.Id}", member.Email, new ContactDetails(member.Email, null), now, now,
            $"U hoort niet meer bij de eigen kring van {carerFirstName}", body);
    }
}
