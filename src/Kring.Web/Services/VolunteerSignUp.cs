using System.Globalization;
using Kring.Web.Api;
using Kring.Web.Input;
using Kring.Web.Security;

namespace Kring.Web.Services;

/// <summary>
/// A coordinator signs up a volunteer of their own partner, with an account the volunteer signs in with: the
/// coordinator hands over its one-time activation code, with which the volunteer chooses their own password. The user
/// name is claimed atomically; with an idempotency key a retry answers with the volunteer made the first time, and a new
/// code while the account is not activated (the first answer, with the first code, may have been lost). Used by
/// <c>POST /api/v1/partners/{partnerId}/volunteers</c> and the page <c>/Coordinatie/Aanmelden</c>.
/// </summary>
public static class VolunteerSignUp
{
    public const double DefaultHoursPerWeek = 8;
    public const double MaxHoursPerWeek = 40;

    /// <summary>What the coordinator typed, as text: numbers are parsed here so the page and the API give the same messages.</summary>
    public sealed record Form(
        string? UserName, string? DisplayName, string? Village, IReadOnlyList<string>? Kinds, IReadOnlyList<string>? Skills,
        string? MaxKm, string? MaxHoursPerWeek);

    /// <summary>
    /// The new volunteer, or null with the reasons in <paramref name="errors"/> (field names as in the API).
    /// <paramref name="volunteerId"/>: the id to give them (an import's), instead of one made here.
    /// </summary>
    public static async Task<NewVolunteerResponse?> Run(
        IGrainFactory grains, Accounts accounts, SecurityLog log, HttpContext http, string partnerId, string coordinator, Form form,
        string? idempotencyKey, FieldErrors errors, string? volunteerId = null)
    {
        var userName = AccountInput.UserName(form.UserName, errors);
        var displayName = AccountInput.DisplayName(form.DisplayName, errors, "Vul de naam van de vrijwilliger in.");
        var village = form.Village?.Trim().ToLowerInvariant();
        var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
        if (string.IsNullOrEmpty(village)) errors.Add("village", "Kies het dorp waar de vrijwilliger woont.");
        else if (villages.All(v => v.Id != village)) errors.Add("village", "Dit dorp kennen we niet.");
        var hours = DefaultHoursPerWeek;
        if (!string.IsNullOrWhiteSpace(form.MaxHoursPerWeek)
            && (!double.TryParse(
                    form.MaxHoursPerWeek.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out hours)
                || hours is < 1 or > MaxHoursPerWeek))
        {
            errors.Add("maxHoursPerWeek", $"Vul 1 tot en met {MaxHoursPerWeek:0} uur per week in.");
        }
        var preferences = PreferencesInput.Parse(form.Kinds, form.Skills, form.MaxKm, errors);
        if (errors.Any || preferences is null) return null;

        var id = volunteerId ?? NewId(partnerId, idempotencyKey);
        var account = grains.GetGrain<IAccountGrain>(userName);
        var volunteer = grains.GetGrain<IVolunteerGrain>(id);
        if (await account.Get() is { } existing)
        {
            if (existing.VolunteerId == id && await volunteer.GetProfile() is { } made)
            {
                return ToDto(made, userName, existing.ActivationExpiresAt is null ? null : await accounts.NewActivation(http, userName));
            }
            errors.Add("userName", AccountInput.Taken);
            return null;
        }
        var profile = new VolunteerProfile(
            id, displayName, village!, preferences.MaxKm, preferences.Kinds, preferences.Skills, hours, partnerId);
        if (await volunteer.GetProfile() is null) await volunteer.Register(profile);
        var activation = accounts.FirstActivation();
        if (!await account.Create(new AccountRecord(userName, displayName, activation.Hash, Role.Volunteer, village, id, null, partnerId,
                ActivationExpiresAt: activation.ExpiresAt)))
        {
            // Someone took the name between the check and now: the volunteer made for it must not stay without an account.
            await grains.GetGrain<IErasureGrain>(DirectoryKeys.Default).EraseVolunteer(id, coordinator);
            errors.Add("userName", AccountInput.Taken);
            return null;
        }
        await log.AccountCreated(http, userName, Role.Volunteer);
        return ToDto(profile, userName, activation);
    }

    private static NewVolunteerResponse ToDto(VolunteerProfile p, string userName, Activation? activation) =>
        new(p.Id, userName, p.DisplayName, p.HomeVillage, p.Kinds.Select(k => k.Code()).ToList(), p.Skills, p.MaxKm, p.MaxHoursPerWeek,
            activation?.Code, activation?.ExpiresAt);

    /// <summary>A new id ("v-" and 12 hex digits), or one derived from the idempotency key so a retry finds its volunteer.</summary>
    private static string NewId(string partnerId, string? idempotencyKey)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey)) return "v-" + Guid.NewGuid().ToString("N")[..12];
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(partnerId + "\n" + idempotencyKey));
        return "v-" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}
