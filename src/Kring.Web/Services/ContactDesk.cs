using Kring.Web.Input;
using Kring.Web.Security;

namespace Kring.Web.Services;

/// <summary>
/// Contacts with a carer and referrals to the consultant, for the pages and the API alike. The village contact person logs
/// them for the circles of their village, the consultant for any, a key figure for the carers of their village who agreed;
/// the village contact person and the key figure refer.
/// </summary>
public static class ContactDesk
{
    public enum Refusal { None, NotAllowed, NoSuchCircle, Invalid }

    public const int MaxNoteLength = 500;

    /// <summary>The kinds a contact can have, by their code in the API, with the Dutch label of the pages.</summary>
    public static readonly IReadOnlyList<(string Code, ContactKind Kind, string Label)> Kinds =
    [
        ("call", ContactKind.Call, "telefoongesprek"),
        ("visit", ContactKind.Visit, "bezoek"),
        ("meeting", ContactKind.Meeting, "ontmoeting"),
        ("referral", ContactKind.Referral, "doorverwezen naar de mantelzorgconsulent"),
        ("filedWithConsent", ContactKind.FiledWithConsent, "hulp gevraagd namens de mantelzorger"),
    ];

    public static string Code(ContactKind kind) => Kinds.First(k => k.Kind == kind).Code;
    public static string Label(ContactKind kind) => Kinds.First(k => k.Kind == kind).Label;

    public sealed record Outcome(Refusal Refusal, CircleContact? Contact = null);

    /// <summary>The circle's contacts, or null when this user may not read them or there is no such circle.</summary>
    public static async Task<(Refusal Refusal, CircleView? Circle, IReadOnlyList<CircleContact> Contacts)> Read(
        IGrainFactory grains, KringUser user, string circleId)
    {
        var circle = grains.GetGrain<ICarerCircleGrain>(circleId);
        if (await circle.Get() is not { } view) return (Missing(user), null, []);
        if (!user.CanLogContact(view)) return (Refusal.NotAllowed, null, []);
        return (Refusal.None, view, await circle.GetContacts());
    }

    public static async Task<Outcome> Log(
        IGrainFactory grains, KringUser user, string circleId, string? kind, DateOnly? date, string? note, FieldErrors errors)
    {
        var known = Kinds.FirstOrDefault(k => k.Kind is ContactKind.Call or ContactKind.Visit or ContactKind.Meeting
            && k.Code == kind?.Trim().ToLowerInvariant());
        if (known.Code is null) errors.Add("kind", "Kies hoe u contact had: call, visit of meeting.");
        var today = Amsterdam.Today(TimeProvider.System);
        var day = date ?? today;
        if (day > today) errors.Add("date", "Een contact ligt niet in de toekomst.");
        else if (day < today.AddYears(-1)) errors.Add("date", "Leg alleen contacten van het afgelopen jaar vast.");
        var text = Note(note, "note", "Schrijf kort wat er besproken is (hooguit 500 tekens).", errors);
        return await Add(grains, user, circleId, known.Kind, day, text, errors);
    }

    public static async Task<Outcome> Refer(IGrainFactory grains, KringUser user, string circleId, string? reason, FieldErrors errors)
    {
        if (user.Role is not (Role.VillageContact or Role.KeyFigure)) return new(Refusal.NotAllowed);
        var text = Note(reason, "reason", "Schrijf waarom de mantelzorgconsulent contact moet opnemen (hooguit 500 tekens).", errors);
        return await Add(grains, user, circleId, ContactKind.Referral, Amsterdam.Today(TimeProvider.System), text, errors);
    }

    /// <summary>Logs that the village contact person asked for help on the carer's behalf, and how the carer agreed.</summary>
    public static Task<CircleContact> RecordConsent(ICarerCircleGrain circle, KringUser user, HelpRequestView request, string consent)
    {
        var start = Amsterdam.ToLocal(request.Start).ToString("d MMMM yyyy HH:mm", Pages.Format.Dutch);
        return circle.LogContact(NewContact(user, ContactKind.FiledWithConsent, Amsterdam.Today(TimeProvider.System),
            $"Hulpvraag {request.Id} voor {start}. Toestemming: {consent}"));
    }

    /// <summary>Only the consultant, who may read every circle, learns that a circle does not exist.</summary>
    private static Refusal Missing(KringUser user) => user.Role == Role.CarerConsultant ? Refusal.NoSuchCircle : Refusal.NotAllowed;

    private static string Note(string? text, string field, string message, FieldErrors errors)
    {
        var clean = text?.Trim() ?? "";
        if (clean.Length is 0 or > MaxNoteLength) errors.Add(field, message);
        return clean;
    }

    private static async Task<Outcome> Add(
        IGrainFactory grains, KringUser user, string circleId, ContactKind kind, DateOnly date, string note, FieldErrors errors)
    {
        var circle = grains.GetGrain<ICarerCircleGrain>(circleId);
        if (await circle.Get() is not { } view) return new(Missing(user));
        if (!user.CanLogContact(view)) return new(Refusal.NotAllowed);
        if (errors.Any) return new(Refusal.Invalid);
        return new(Refusal.None, await circle.LogContact(NewContact(user, kind, date, note)));
    }

    private static CircleContact NewContact(KringUser user, ContactKind kind, DateOnly date, string note) =>
        new("k-" + Guid.NewGuid().ToString("N")[..12], kind, date, note, user.UserName,
            $"{user.DisplayName}, {Privacy.AccessTexts.Role(user.Role)}", TimeProvider.System.GetUtcNow());
}
