using Kring.Balance;
using Kring.Web.Input;
using Kring.Web.Security;

namespace Kring.Web.Services;

/// <summary>
/// A partner's rating of a village network on the five questions, for the coordinator's page and the API alike: one per
/// partner, village and quarter, a later one replacing the earlier.
/// </summary>
public static class NetworkRatingDesk
{
    public enum Refusal { None, NoSuchVillage, NotOurVillage, Invalid }

    /// <summary>The villages the coordinator's partner works in, every village of its municipality for a partner that names none.</summary>
    public static async Task<IReadOnlyList<VillageInfo>> VillagesOf(IGrainFactory grains, PartnerInfo partner)
    {
        var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
        return villages.Where(v => PartnerDesk.Serves(partner, v))
            .OrderBy(v => v.Name, StringComparer.CurrentCulture).ToList();
    }

    public static async Task<Refusal> Rate(
        IGrainFactory grains, KringUser user, string villageId, IReadOnlyDictionary<string, int>? answers, FieldErrors errors)
    {
        var partner = user.PartnerId is { } partnerId ? await grains.GetGrain<IPartnerGrain>(partnerId).GetInfo() : null;
        if (await grains.GetGrain<IVillageGrain>(villageId).GetInfo() is not { } village) return Refusal.NoSuchVillage;
        if (partner is null || !PartnerDesk.Serves(partner, village)) return Refusal.NotOurVillage;
        foreach (var (question, message) in NetworkQuestions.Validate(answers)) errors.Add($"answers.{question}", message);
        if (errors.Any) return Refusal.Invalid;
        await grains.GetGrain<INetworkHealthGrain>(villageId).Rate(new NetworkRating(partner.Id, TimeProvider.System.GetUtcNow(),
            answers!));
        return Refusal.None;
    }

    public static string Explain(Refusal refusal, string villageId) => refusal switch
    {
        Refusal.NoSuchVillage => $"Dorp '{villageId}' bestaat niet.",
        Refusal.NotOurVillage => "Uw organisatie werkt niet in dit dorp.",
        _ => "",
    };
}
