using System.Globalization;
using Kring.Web.Api;
using Kring.Web.Input;
using Kring.Web.Security;

namespace Kring.Web.Services;

/// <summary>
/// Volunteers who sign up themselves, for the public page, the coordinator's page and the API alike: the application
/// waits with the chosen partner until its coordinator approves it (then the volunteer and their account are made, and
/// the code goes by mail) or declines it.
/// </summary>
public static class VolunteerApplicationDesk
{
    public enum Refusal { None, NotAllowed, NoSuchPartner, Invalid, Full, NoSuchApplication }

    /// <summary>What the applicant typed, as text, so the page and the API give the same messages.</summary>
    public sealed record Form(
        string? Name, string? Email, string? Mobile, string? Village, IReadOnlyList<string>? Kinds, string? MaxKm, string? Note);

    public static async Task<Refusal> Apply(IGrainFactory grains, string partnerId, Form form, FieldErrors errors)
    {
        var partner = grains.GetGrain<IPartnerGrain>(partnerId);
        if (await partner.GetInfo() is not { } info || !TakesVolunteers(info)) return Refusal.NoSuchPartner;
        var name = form.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100 || name.Any(char.IsControl)) errors.Add("name", "Vul uw naam in (hooguit 100 tekens).");
        var contact = ContactInput.Parse(form.Email, form.Mobile, offersByMail: true, sharePhone: false, null, errors);
        if (contact is { Email: null }) errors.Add("email", "Vul uw e-mailadres in; daar komt het antwoord.");
        var village = form.Village?.Trim().ToLowerInvariant() ?? "";
        var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
        if (villages.FirstOrDefault(v => v.Id == village) is not { } place || !PartnerDesk.Serves(info, place))
        {
            errors.Add("village", $"Kies een dorp waar {info.Name} werkt.");
        }
        var preferences = PreferencesInput.Parse(form.Kinds, [], form.MaxKm, errors);
        var municipality = villages.FirstOrDefault(v => v.Id == village)?.Region;
        var unserved = (preferences?.Kinds ?? []).Where(k => !info.Serves(k, village, municipality)).ToList();
        if (unserved.Count > 0 && !errors.Has("village"))
        {
            errors.Add("kinds", $"{info.Name} zoekt geen vrijwilligers voor {RequestInput.KindLabel(unserved[0])}.");
        }
        var note = string.IsNullOrWhiteSpace(form.Note) ? null : form.Note.Trim();
        if (note?.Length > VolunteerApplication.MaxNoteLength)
        {
            errors.Add("note", $"Hooguit {VolunteerApplication.MaxNoteLength} tekens.");
        }
        if (errors.Any || preferences is null || contact?.Email is null) return Refusal.Invalid;
        var application = new VolunteerApplication("a-" + Guid.NewGuid().ToString("N")[..12], name, contact.Email, contact.Mobile,
            village!, preferences.Kinds, preferences.MaxKm, note, TimeProvider.System.GetUtcNow());
        return await partner.Apply(application) ? Refusal.None : Refusal.Full;
    }

    /// <summary>Partners whose volunteers Kring matches: those giving buddies or respite.</summary>
    public static bool TakesVolunteers(PartnerInfo partner) =>
        partner.Services.Contains(PartnerService.Buddy) || partner.Services.Contains(PartnerService.Respite);

    /// <summary>The coordinator's partner's waiting applications, or null for anyone else.</summary>
    public static async Task<IReadOnlyList<VolunteerApplication>?> Waiting(IGrainFactory grains, KringUser user, string partnerId) =>
        user.PartnerId == partnerId ? await grains.GetGrain<IPartnerGrain>(partnerId).GetApplications() : null;

    /// <summary>
    /// Makes the volunteer and their account (the sign-up a coordinator does by hand, with a user name made from the name),
    /// stores their address, and lets the partner mail them the code.
    /// </summary>
    public static async Task<(Refusal Refusal, NewVolunteerResponse? Volunteer)> Approve(
        IGrainFactory grains, Accounts accounts, SecurityLog log, HttpContext http, KringUser user, string partnerId, string applicationId)
    {
        if (await Waiting(grains, user, partnerId) is not { } waiting) return (Refusal.NotAllowed, null);
        if (waiting.FirstOrDefault(a => a.Id == applicationId) is not { } application) return (Refusal.NoSuchApplication, null);
        var kinds = application.Kinds.Select(k => k.Code()).ToList();
        var maxKm = application.MaxKm.ToString(CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var errors = new FieldErrors();
            var form = new VolunteerSignUp.Form(AccountDesk.SuggestUserName(application.Name, "vrijwilliger"), application.Name,
                application.Village, kinds, [], maxKm, null);
            var made = await VolunteerSignUp.Run(grains, accounts, log, http, partnerId, user.UserName, form,
                "application/" + application.Id, errors);
            if (made is null)
            {
                if (errors.Has("userName")) continue;
                return (Refusal.Invalid, null);
            }
            await grains.GetGrain<IVolunteerGrain>(made.Id).SetContact(new ContactDetails(application.Email, application.Mobile));
            await grains.GetGrain<IPartnerGrain>(partnerId).Approve(application.Id, made.UserName, made.ActivationCode!,
                made.ActivationExpiresAt!.Value);
            return (Refusal.None, made with { ActivationCode = null, ActivationExpiresAt = null });
        }
        return (Refusal.Invalid, null);
    }

    public static async Task<Refusal> Decline(IGrainFactory grains, KringUser user, string partnerId, string applicationId)
    {
        if (user.PartnerId != partnerId) return Refusal.NotAllowed;
        return await grains.GetGrain<IPartnerGrain>(partnerId).Decline(applicationId) ? Refusal.None : Refusal.NoSuchApplication;
    }
}
