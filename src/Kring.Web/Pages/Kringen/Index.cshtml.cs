using Kring.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Kringen;

/// <summary>The carer consultant's list of circles, per village, searchable by name.</summary>
[Authorize(Roles = nameof(Role.CarerConsultant))]
public sealed class IndexModel(Services.CircleSearch circles) : PageModel
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
        Villages = await circles.Villages(KringUser.Current(HttpContext));
        Village = dorp is null ? (Villages.Count > 0 ? Villages[0] : null) : Villages.FirstOrDefault(v => v.Id == dorp);
        if (Village is null) return dorp is null ? Page() : NotFound();
        Search = Services.CircleSearch.Term(zoek);
        (Circles, Total, PageNumber) = await circles.Page(HttpContext, Village.Id, Search, pagina, PageSize);
        return Page();
    }

    public string PageLink(int page) =>
        $"/Kringen?dorp={Uri.EscapeDataString(Village!.Id)}{(Search is null ? "" : "&zoek=" + Uri.EscapeDataString(Search))}&pagina={page}";
}
