using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Kringen;

/// <summary>The carer consultant's list of circles, per village, searchable by name.</summary>
[Authorize(Roles = nameof(Role.CarerConsultant))]
public sealed class IndexModel(IGrainFactory grains, Privacy.AccessLog log) : PageModel
{
    public const int PageSize = 25;

    public IReadOnlyList<VillageInfo> Villages { get; private set; } = [];
    public VillageInfo? Village { get; private set; }
    public string? Search { get; private set; }
    public IReadOnlyList<CircleProfile> Circles { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    [TempData] public string? Message { get; set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGet(string? dorp, string? zoek, int pagina = 1)
    {
        Villages = (await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages())
            .OrderBy(v => v.Name, StringComparer.CurrentCulture).ToList();
        Village = dorp is null ? (Villages.Count > 0 ? Villages[0] : null) : Villages.FirstOrDefault(v => v.Id == dorp);
        if (Village is null) return dorp is null ? Page() : NotFound();
        Search = string.IsNullOrWhiteSpace(zoek) ? null : zoek.Trim()[..Math.Min(zoek.Trim().Length, 100)];

        var members = await grains.GetGrain<IVillageGrain>(Village.Id).GetMembers();
        var views = await Task.WhenAll(members.Circles.Select(id => grains.GetGrain<ICarerCircleGrain>(id).Get()));
        var found = views.OfType<CircleView>().Select(v => v.Profile)
            .Where(p => Search is null || Matches(p, Search))
            .OrderBy(p => p.CarerName, StringComparer.CurrentCulture).ThenBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
        Total = found.Count;
        PageNumber = Math.Clamp(pagina, 1, Pages);
        Circles = found.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        await log.Record(HttpContext, Circles.Select(c => c.Id), AccessKind.Listed);
        return Page();
    }

    public string PageLink(int page) =>
        $"/Kringen?dorp={Uri.EscapeDataString(Village!.Id)}{(Search is null ? "" : "&zoek=" + Uri.EscapeDataString(Search))}&pagina={page}";

    private static bool Matches(CircleProfile p, string search) =>
        p.CarerName.Contains(search, StringComparison.CurrentCultureIgnoreCase)
        || p.CareRecipientName.Contains(search, StringComparison.CurrentCultureIgnoreCase)
        || p.Id.Equals(search, StringComparison.OrdinalIgnoreCase)
        || (p.Address?.Contains(search, StringComparison.CurrentCultureIgnoreCase) ?? false);
}
