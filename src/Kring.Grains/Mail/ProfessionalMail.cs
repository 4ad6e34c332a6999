namespace Kring.Grains.Mail;

/// <summary>The carer's mail about a professional the consultant linked: nothing is shared until the carer says yes.</summary>
public static class ProfessionalMail
{
    /// <summary>A professional wants to look along; the carer consents or refuses on <em>Eigen kring</em>.</summary>
    public static OutgoingMail Linked(
        string circleId, ProfessionalLink link, string carerFirstName, string to, ContactDetails contact, Uri baseUrl, DateTimeOffset now)
    {
        var en = contact.Language == "en";
        var page = new Uri(baseUrl, "/EigenKring");
        // A link made again after it ended is news again: the id names the moment of linking.
        var id = $"professional/{circleId}/{link.UserName}/{link.LinkedAt.ToUnixTimeSeconds()}";
        return MailTexts.Notice(id, to, contact, now, now,
            en ? $"{link.Name} asks to join your circle" : $"{link.Name} vraagt om mee te kijken",
            en ? $"Hello {carerFirstName},\n\nYour carer consultant linked {link.Name} (a care professional) to your circle in "
                 + "Kring. They see nothing of it until you agree: then they see your calendar and your balance check-ins, and "
                 + $"can ask for help for you.\n\nAgree or refuse on {page}. You can always withdraw your consent later."
               : $"Hallo {carerFirstName},\n\nUw mantelzorgconsulent heeft {link.Name} (zorgprofessional) aan uw kring in Kring "
                 + $"gekoppeld. Die ziet er niets van tot u toestemming geeft: dan ziet {link.Name} uw agenda en uw balans-checks, en "
                 + $"kan hulp voor u vragen.\n\nGeef toestemming of weiger op {page}. U kunt uw toestemming later altijd intrekken.");
    }
}
