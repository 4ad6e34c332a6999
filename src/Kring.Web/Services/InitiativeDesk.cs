using Kring.Web.Input;
using Kring.Web.Security;

namespace Kring.Web.Services;

/// <summary>
/// A village's initiatives and good examples (*pareltjes*), kept up to date by its contact person (and the consultant), for
/// the page and the API alike.
/// </summary>
public static class InitiativeDesk
{
    public enum Refusal { None, NotAllowed, NoSuchVillage, Invalid, NotFound }

    public static bool MayEdit(KringUser user, string villageId) => user.Role switch
    {
        Role.CarerConsultant => user.InScope(villageId),
        Role.VillageContact or Role.KeyFigure => user.VillageId == villageId,
        _ => false,
    };

    public static async Task<(Refusal Refusal, Initiative? Saved)> Save(
        IGrainFactory grains, KringUser user, string villageId, string? name, string? description, bool goodExample, FieldErrors errors)
    {
        if (!MayEdit(user, villageId)) return (Refusal.NotAllowed, null);
        var cleanName = name?.Trim() ?? "";
        if (cleanName.Length is 0 or > Initiative.MaxNameLength) errors.Add("name", "Geef het initiatief een naam (hooguit 80 tekens).");
        var text = description?.Trim() ?? "";
        if (text.Length is 0 or > Initiative.MaxDescriptionLength)
        {
            errors.Add("description", "Beschrijf kort wat het initiatief doet (hooguit 500 tekens).");
        }
        if (errors.Any) return (Refusal.Invalid, null);
        var initiative = new Initiative(cleanName, text, goodExample, user.UserName, TimeProvider.System.GetUtcNow());
        return await grains.GetGrain<IVillageGrain>(villageId).SaveInitiative(initiative)
            ? (Refusal.None, initiative)
            : (Refusal.NoSuchVillage, null);
    }

    public static async Task<Refusal> Remove(IGrainFactory grains, KringUser user, string villageId, string? name)
    {
        if (!MayEdit(user, villageId)) return Refusal.NotAllowed;
        return await grains.GetGrain<IVillageGrain>(villageId).RemoveInitiative(name ?? "") ? Refusal.None : Refusal.NotFound;
    }
}
