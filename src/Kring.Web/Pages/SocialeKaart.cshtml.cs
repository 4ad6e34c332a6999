using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages;

/// <summary>
/// The sociale kaart: every partner organisation with its services, details and villages, per village, and a search by
/// village and need (<c>?dorp=elsloo&amp;behoefte=maatje</c>). Public; the municipality's staff find a link to update a partner.
/// </summary>
public sealed class SocialeKaartModel(IGrainFactory grains) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "dorp")] public string? VillageId { get; set; }
    [BindProperty(SupportsGet = true, Name = "behoefte")] public string? Need { get; set; }
    public IReadOnlyList<VillageInfo> Villages { get; private set; } = [];
    public IReadOnlyList<PartnerInfo> Partners { get; private set; } = [];
    /// <summary>What the search found; every partner when nothing is searched.</summary>
    public IReadOnlyList<PartnerInfo> Found { get; private set; } = [];
    public VillageInfo? Village { get; private set; }
    public bool Searched => Village is not null || Need is not null;
    [TempData] public string? Message { get; set; }

    /// <summary>A partner without villages works in the whole municipality.</summary>
    public IEnumerable<PartnerInfo> In(VillageInfo village) =>
        Partners.Where(p => PartnerDesk.Serves(p, village))
            .OrderBy(p => p.Villages.Count == 0).ThenBy(p => p.Name, StringComparer.CurrentCulture);

    public string VillageNames(PartnerInfo partner) => partner.Villages.Count == 0
        ? Texts.T("de hele gemeente")
        : string.Join(", ", partner.Villages.Select(id => Villages.FirstOrDefault(v => v.Id == id)?.Name ?? id));

    public bool MayEdit(PartnerInfo partner) => PartnerDesk.MayEdit(KringUser.From(User), partner, Villages);

    /// <summary>The number as a phone dials it: digits and a leading +.</summary>
    public static string Dial(string phone) => new(phone.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());

    /// <summary>A web address as people read it: without https:// and a trailing slash.</summary>
    public static string Readable(Uri site) => (site.Host + site.PathAndQuery).TrimEnd('/');

    public static string Day(DateTimeOffset at) => RequestInput.ToAmsterdam(at).ToString("d MMMM yyyy", Format.Culture);

    public async Task OnGet()
    {
        var directory = grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default);
        Villages = (await directory.GetVillages()).OrderBy(v => v.Name, StringComparer.CurrentCulture).ToList();
        Partners = (await directory.GetPartners()).OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
        var village = Village = Villages.FirstOrDefault(v => v.Id == VillageId);
        var need = Need = string.IsNullOrWhiteSpace(Need) ? null : Need.Trim()[..Math.Min(Need.Trim().Length, PartnerDesk.MaxNeedLength)];
        Found = Partners.Where(p => (village is null || PartnerDesk.Serves(p, village)) && (need is null || PartnerDesk.Meets(p, need)))
            .ToList();
    }
}
