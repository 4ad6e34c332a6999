using System.Globalization;
using System.Text;

namespace Kring.Grains.Mail;

/// <summary>
/// The text of Kring's mail, in Dutch or in English. An offer mail names the kind of help, the village, the time and the
/// needs' labels, as the offer list does, and nothing of the carer: no name, address, phone number or health detail.
/// </summary>
public static class MailTexts
{
    internal static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string AnswerLink(Uri baseUrl, string volunteerId, string offerId, string token, bool accept) =>
        new Uri(baseUrl, $"/Antwoord?v={Uri.EscapeDataString(volunteerId)}&o={Uri.EscapeDataString(offerId)}"
            + $"&a={(accept ? "ja" : "nee")}&t={Uri.EscapeDataString(token)}").ToString();

    public static OutgoingMail Offer(
        Offer offer, string to, ContactDetails contact, string firstName, string villageName, Uri baseUrl, string volunteerId,
        DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var en = contact.Language == "en";
        var culture = en ? English : Dutch;
        var kind = Kind(offer.Kind, en);
        var when = When(offer.Start, offer.End, culture);
        var needs = offer.Needs.Count == 0 ? (en ? "none" : "geen") : string.Join(", ", offer.Needs.Select(Needs.Label));
        var yes = AnswerLink(baseUrl, volunteerId, offer.Id, offer.AnswerToken!, accept: true);
        var no = AnswerLink(baseUrl, volunteerId, offer.Id, offer.AnswerToken!, accept: false);
        var until = Amsterdam.ToLocal(expiresAt).ToString(en ? "dddd d MMMM HH:mm" : "dddd d MMMM 'om' HH:mm", culture);
        var page = new Uri(baseUrl, "/Vrijwilliger");
        var text = new StringBuilder();
        if (en)
        {
            text.Append(culture, $"Hello {firstName},\n\nSomeone nearby could use your help:\n\n");
            text.Append(culture, $"  Kind of help: {kind}\n  Village: {villageName}\n  When: {when}\n  Needs: {needs}\n\n");
            text.Append(culture, $"Yes, I'll help:\n{yes}\n\nNo, not this time:\n{no}\n\n");
            text.Append(culture, $"The links work until {until}. You can also answer on {page}\n\nKring\n");
        }
        else
        {
            text.Append(culture, $"Hallo {firstName},\n\nIemand in de buurt kan uw hulp goed gebruiken:\n\n");
            text.Append(culture, $"  Soort hulp: {kind}\n  Dorp: {villageName}\n  Wanneer: {when}\n  Aandachtspunten: {needs}\n\n");
            text.Append(culture, $"Ja, ik help:\n{yes}\n\nNee, deze keer niet:\n{no}\n\n");
            text.Append(culture, $"De links werken tot {until}. U kunt ook antwoorden op {page}\n\nMet vriendelijke groet,\nKring\n");
        }
        var subject =
            en ? $"Can you help? {Capital(kind)} in {villageName}, {when}" : $"Kunt u helpen? {Capital(kind)} in {villageName}, {when}";
        return new OutgoingMail($"offer/{offer.Id}", to, subject, text.ToString(), now, contact.Language,
            QuietHours.Until(contact, now, offer.Start));
    }

    public static OutgoingMail Matched(
        string requestId, string volunteerId, HelpKind kindOfHelp, DateTimeOffset start, DateTimeOffset end, string to,
        ContactDetails contact, HelperIntroduction? helper, Uri baseUrl, DateTimeOffset now)
    {
        var en = contact.Language == "en";
        var culture = en ? English : Dutch;
        var kind = Kind(kindOfHelp, en);
        var when = When(start, end, culture);
        var name = helper?.FirstName is { Length: > 0 } first ? first : en ? "A volunteer" : "Een vrijwilliger";
        var page = new Uri(baseUrl, "/Hulpvragen");
        var text = new StringBuilder();
        if (en)
        {
            text.Append(culture, $"Good news: help is coming.\n\n{name} will be your {kind} on {when}.\n");
            text.Append(helper?.Phone is { Length: > 0 } phone ? $"You can reach {name} on {phone}.\n" : "");
            text.Append(culture, $"\nYour requests and their history: {page}\n\nKring\n");
        }
        else
        {
            text.Append(culture, $"Goed nieuws: er komt hulp.\n\n{name} komt als {kind} op {when}.\n");
            text.Append(helper?.Phone is { Length: > 0 } phone ? $"U kunt {name} bereiken op {phone}.\n" : "");
            text.Append(culture, $"\nUw hulpvragen en hun geschiedenis: {page}\n\nMet vriendelijke groet,\nKring\n");
        }
        var subject = en ? $"Help is coming: {when}" : $"Er komt hulp: {when}";
        return new OutgoingMail($"matched/{requestId}/{volunteerId}", to, subject, text.ToString(), now, contact.Language,
            QuietHours.Until(contact, now, start));
    }

    /// <summary>The carer hears that their volunteer cannot come after all, and that matching looks again.</summary>
    public static OutgoingMail Withdrawn(
        string requestId, string volunteerId, DateTimeOffset start, DateTimeOffset end, string to, ContactDetails contact,
        HelperIntroduction? helper, Uri baseUrl, DateTimeOffset now)
    {
        var en = contact.Language == "en";
        var when = When(start, end, en ? English : Dutch);
        var name = helper?.FirstName ?? (en ? "Your volunteer" : "Uw vrijwilliger");
        var page = new Uri(baseUrl, "/Hulpvragen");
        return Notice($"withdrawn/{requestId}/{volunteerId}", to, contact, now, start,
            en ? $"Change: {when}" : $"Wijziging: {when}",
            en ? $"{name} cannot come on {when} after all.\n\n"
                 + $"Kring is looking for another volunteer straight away. You will hear from us.\n\n{page}"
               : $"{name} kan op {when} toch niet komen.\n\nKring zoekt meteen een andere vrijwilliger. U hoort van ons.\n\n{page}");
    }

    /// <summary>The volunteer hears that a booking of theirs was cancelled and their time is free again.</summary>
    public static OutgoingMail Cancelled(
        string requestId, string volunteerId, HelpKind kindOfHelp, DateTimeOffset start, DateTimeOffset end, string to,
        ContactDetails contact, Uri page, DateTimeOffset now)
    {
        var en = contact.Language == "en";
        var when = When(start, end, en ? English : Dutch);
        var kind = Kind(kindOfHelp, en);
        return Notice($"cancelled/{requestId}/{volunteerId}", to, contact, now, start,
            en ? $"Cancelled: {when}" : $"Geannuleerd: {when}",
            en ? $"The request for a {kind} on {when} was cancelled. You do not need to come; that time is free again.\n\n{page}"
               : $"De hulpvraag voor {kind} op {when} is geannuleerd. U hoeft niet te komen; die tijd is weer vrij.\n\n{page}");
    }

    /// <summary>The carer hears that nobody could be found before the start.</summary>
    public static OutgoingMail Expired(
        string requestId, HelpKind kindOfHelp, DateTimeOffset start, DateTimeOffset end, string to, ContactDetails contact, Uri baseUrl,
        DateTimeOffset now)
    {
        var en = contact.Language == "en";
        var when = When(start, end, en ? English : Dutch);
        var kind = Kind(kindOfHelp, en);
        var page = new Uri(baseUrl, "/Hulpvragen");
        return Notice($"expired/{requestId}", to, contact, now, start,
            en ? $"No volunteer found: {when}" : $"Geen vrijwilliger gevonden: {when}",
            en ? $"We are sorry: nobody could be found in time for your request for a {kind} on {when}.\n\n"
                 + $"Your carer consultant can think along with you. Your requests: {page}"
               : $"Het spijt ons: voor uw vraag om {kind} op {when} is op tijd niemand gevonden.\n\n"
                 + $"Uw mantelzorgconsulent denkt graag met u mee. Uw hulpvragen: {page}");
    }

    /// <summary>The carer hears that a partner's coordinator took their request over.</summary>
    public static OutgoingMail Escalated(
        string requestId, HelpKind kindOfHelp, DateTimeOffset start, DateTimeOffset end, string partner, string to, ContactDetails contact,
        Uri baseUrl, DateTimeOffset now)
    {
        var en = contact.Language == "en";
        var when = When(start, end, en ? English : Dutch);
        var kind = Kind(kindOfHelp, en);
        var page = new Uri(baseUrl, "/Hulpvragen");
        return Notice($"escalated/{requestId}", to, contact, now, start,
            en ? $"Still looking: {when}" : $"We zoeken verder: {when}",
            en ? $"No volunteer has said yes yet to your request for a {kind} on {when}. "
                 + $"The coordinator of {partner} is now looking for someone personally.\n\n{page}"
               : $"Voor uw vraag om {kind} op {when} heeft nog geen vrijwilliger ja gezegd. "
                 + $"De coördinator van {partner} zoekt nu persoonlijk iemand.\n\n{page}");
    }

    /// <summary>A coordinator's digest of the requests in their partner's queue: kind, village and time, no personal data.</summary>
    public static OutgoingMail Digest(
        string id, string to, string partner, IReadOnlyList<(EscalatedRequest Item, string Village)> queue, Uri baseUrl, DateTimeOffset now)
    {
        var lines = string.Join("\n", queue.Select(q =>
            $"  - {Needs.KindLabel(q.Item.Request.Kind)} in {q.Village}, {When(q.Item.Request.Start, q.Item.Request.End, Dutch)}"));
        var page = new Uri(baseUrl, "/Coordinatie");
        var body = $"In de wachtrij van {partner} staan {queue.Count} hulpvraag/hulpvragen waarvoor nog niemand is gevonden:\n\n{lines}\n\n"
            + $"Koppel een vrijwilliger op {page}";
        return new OutgoingMail(id, to, $"Wachtrij van {partner}: {queue.Count} hulpvraag/hulpvragen", body
            + "\n\nMet vriendelijke groet,\nKring\n", now);
    }

    /// <summary>How long before the start both sides get their reminder.</summary>
    public static readonly TimeSpan ReminderLead = TimeSpan.FromHours(24);

    /// <summary>
    /// A reminder a day before. The volunteer's names the village (no carer's details, as in the offer); the carer's names
    /// the volunteer who is coming.
    /// </summary>
    public static OutgoingMail Reminder(
        string id, HelpKind kindOfHelp, DateTimeOffset start, DateTimeOffset end, string? villageName, string to, ContactDetails contact,
        Uri page, DateTimeOffset now, string? helperName)
    {
        var en = contact.Language == "en";
        var when = When(start, end, en ? English : Dutch);
        var kind = Kind(kindOfHelp, en);
        var where = villageName is null ? "" : en ? $" in {villageName}" : $" in {villageName}";
        var who = helperName is null ? "" : en ? $" {helperName} is coming." : $" {helperName} komt.";
        return Notice(id, to, contact, now, start,
            en ? $"Reminder: {when}" : $"Herinnering: {when}",
            en ? $"A reminder: {kind}{where} on {when}.{who}\n\n{page}" : $"Een herinnering: {kind}{where} op {when}.{who}\n\n{page}");
    }

    internal static OutgoingMail Notice(string id, string to, ContactDetails contact, DateTimeOffset now, DateTimeOffset start,
        string subject, string body)
    {
        var closing = contact.Language == "en" ? "\n\nKring\n" : "\n\nMet vriendelijke groet,\nKring\n";
        return new OutgoingMail(id, to, subject, body + closing, now, contact.Language, QuietHours.Until(contact, now, start));
    }

    internal static string When(DateTimeOffset start, DateTimeOffset end, CultureInfo culture)
    {
        var s = Amsterdam.ToLocal(start);
        var e = Amsterdam.ToLocal(end);
        return $"{s.ToString("dddd d MMMM yyyy", culture)}, {s:HH:mm}–{e:HH:mm}";
    }

    internal static string Kind(HelpKind kind, bool english) =>
        english ? (kind == HelpKind.Buddy ? "buddy" : "respite care") : Needs.KindLabel(kind);

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>The first word of a display name: "Vera" of "Vera Voorbeeld (demo-vrijwilliger)".</summary>
    public static string FirstName(string displayName) =>
        displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? displayName;
}
