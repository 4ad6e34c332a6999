using Kring.Web.Input;
using Kring.Web.Security;

namespace Kring.Web.Services;

/// <summary>
/// A carer who registers themselves, or is referred by a neighbour or professional, for the public page, the consultant's
/// page and the API alike. The intake waits in the consultant's list, seen by nobody else, until the consultant accepts it
/// (the circle is registered, and a carer with an e-mail address gets an account whose code goes by mail) or declines it.
/// </summary>
public static class IntakeDesk
{
    public enum Refusal { None, NotAllowed, Invalid, Full, NoSuchIntake }

    /// <summary>What was typed, as text. Referrer name and address only when someone else registers the carer.</summary>
    public sealed record Form(
        string? Village, string? CarerName, string? CarerAge, string? CareRecipientName, string? Relationship, IReadOnlyList<string>? Needs,
        string? Phone, string? Address, string? Email, string? ReferrerName, string? ReferrerEmail, string? Note);

    public static async Task<Refusal> Submit(IGrainFactory grains, Form form, FieldErrors errors)
    {
        var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
        int? age = int.TryParse(form.CarerAge?.Trim(), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var a) ? a : null;
        if (age is null && !string.IsNullOrWhiteSpace(form.CarerAge)) errors.Add("carerAge", "Vul de leeftijd in hele jaren in.");
        var id = "i-" + Guid.NewGuid().ToString("N")[..12];
        var profile = CircleInput.Validate(CircleInput.NewId(id), form.Village, villages.Select(v => v.Id).ToList(), form.CarerName, age,
            form.CareRecipientName, form.Relationship, form.Needs, form.Phone, form.Address, errors);
        var email = ContactInput.Email(form.Email, errors);
        var referrer = string.IsNullOrWhiteSpace(form.ReferrerName) ? null : form.ReferrerName.Trim();
        if (referrer is { Length: > 100 }) errors.Add("referrerName", "Hooguit 100 tekens.");
        var referrerEmail = ContactInput.Email(form.ReferrerEmail, errors);
        if (referrer is not null && referrerEmail is null && !errors.Has("referrerEmail"))
        {
            errors.Add("referrerEmail", "Vul uw eigen e-mailadres in; daar komt het antwoord.");
        }
        var note = string.IsNullOrWhiteSpace(form.Note) ? null : form.Note.Trim();
        if (note?.Length > CircleIntake.MaxNoteLength) errors.Add("note", $"Hooguit {CircleIntake.MaxNoteLength} tekens.");
        if (errors.Any || profile is null) return Refusal.Invalid;
        var intake = new CircleIntake(id, profile with { Contact = email is null ? null : new ContactDetails(email, null) }, referrer,
            referrer is null ? null : referrerEmail, note, TimeProvider.System.GetUtcNow());
        return await grains.GetGrain<IIntakeGrain>(DirectoryKeys.Default).Submit(intake) ? Refusal.None : Refusal.Full;
    }

    /// <summary>The intakes waiting in the consultant's municipality; null for anyone else.</summary>
    public static async Task<IReadOnlyList<CircleIntake>?> Waiting(IGrainFactory grains, KringUser user) =>
        user.Role == Role.CarerConsultant
            ? (await grains.GetGrain<IIntakeGrain>(DirectoryKeys.Default).GetWaiting()).Where(i => user.InScope(i.Profile.Village)).ToList()
            : null;

    /// <summary>Registers the circle and, for a carer with an address, their account; the intake grain mails the way in.</summary>
    public static async Task<(Refusal Refusal, string? CircleId, string? UserName)> Accept(
        IGrainFactory grains, Accounts accounts, SecurityLog log, HttpContext http, KringUser user, string intakeId)
    {
        if (await Waiting(grains, user) is not { } waiting) return (Refusal.NotAllowed, null, null);
        if (waiting.FirstOrDefault(i => i.Id == intakeId) is not { } intake) return (Refusal.NoSuchIntake, null, null);
        var circle = await CircleDesk.RegisterOnce(grains, intake.Profile);
        AccountDto? account = null;
        if (intake.Profile.Contact?.Email is not null)
        {
            for (var attempt = 0; attempt < 5 && account is null; attempt++)
            {
                account = await AccountDesk.CreateCarer(grains, accounts, log, http, circle.Profile,
                    AccountDesk.SuggestUserName(intake.Profile.CarerName, "mantelzorger"), new FieldErrors());
            }
        }
        await grains.GetGrain<IIntakeGrain>(DirectoryKeys.Default).Accept(intake.Id, account?.UserName, account?.ActivationCode,
            account?.ActivationExpiresAt);
        return (Refusal.None, circle.Profile.Id, account?.UserName);
    }

    public static async Task<Refusal> Decline(IGrainFactory grains, KringUser user, string intakeId)
    {
        if (await Waiting(grains, user) is not { } waiting) return Refusal.NotAllowed;
        if (waiting.All(i => i.Id != intakeId)) return Refusal.NoSuchIntake;
        return await grains.GetGrain<IIntakeGrain>(DirectoryKeys.Default).Decline(intakeId) ? Refusal.None : Refusal.NoSuchIntake;
    }
}
