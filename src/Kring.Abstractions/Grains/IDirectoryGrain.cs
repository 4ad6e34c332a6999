using Orleans.Concurrency;

namespace Kring;

/// <summary>The list of municipalities, villages and partners. Key: "default".</summary>
[Alias("kring.IDirectoryGrain")]
public interface IDirectoryGrain : IGrainWithStringKey
{
    [Alias("RegisterMunicipality")] Task RegisterMunicipality(MunicipalityInfo municipality);
    [Alias("GetMunicipalities"), ReadOnly] Task<IReadOnlyList<MunicipalityInfo>> GetMunicipalities();
    [Alias("RegisterVillage")] Task RegisterVillage(VillageInfo village);
    [Alias("RegisterPartner")] Task RegisterPartner(PartnerInfo partner);
    [Alias("GetVillages"), ReadOnly] Task<IReadOnlyList<VillageInfo>> GetVillages();
    [Alias("GetPartners"), ReadOnly] Task<IReadOnlyList<PartnerInfo>> GetPartners();
    /// <summary>Remembers that the appreciation round of this year has receipts, so an export finds them. Idempotent.</summary>
    [Alias("RegisterAppreciationYear")] Task RegisterAppreciationYear(int year);
    [Alias("GetAppreciationYears"), ReadOnly] Task<IReadOnlyList<int>> GetAppreciationYears();
}

public static class DirectoryKeys
{
    public const string Default = "default";
}
