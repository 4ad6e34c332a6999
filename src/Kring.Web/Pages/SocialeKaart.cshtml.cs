using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages;

/// <summary>The sociale kaart: every partner organisation and its services, per village. Public.</summary>
public sealed class SocialeKaartModel(IGrainFactory grains) : PageModel
{
    public IReadOnlyList<VillageInfo> Villages { get; private set; } = [];
    public IReadOnlyList<PartnerInfo> Partners { get; private set; } = [];

    /// <summary>A partner without villages works in the whole municipality.</summary>
    public IEnumerable<PartnerInfo> In(VillageInfo village) =>
        Partners.Where(p => p.Villages.Count == 0 || p.Villages.Contains(village.Id))
            .OrderBy(p => p.Villages.Count == 0).ThenBy(p => p.Name, StringComparer.CurrentCulture);

    public string VillageNames(PartnerInfo partner) => partner.Villages.Count == 0
        ? Texts.T("de hele gemeente")
        : string.Join(", ", partner.Villages.Select(id => Villages.FirstOrDefault(v => v.Id == id)?.Name ?? id));

    public async Task OnGet()
    {
        var directory = grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default);
        Villages = (await directory.GetVillages()).OrderBy(v => v.Name, StringComparer.CurrentCulture).ToList();
        Partners = (await directory.GetPartners()).OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
    }
}
