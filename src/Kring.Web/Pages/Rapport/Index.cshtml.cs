using System.Globalization;
using Kring.Web.Reports;
using Kring.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Rapport;

[Authorize(Policy = AuthSetup.Policies.Villages)]
public sealed class IndexModel(IGrainFactory grains) : PageModel
{
    public IReadOnlyList<VillageInfo> Villages { get; private set; } = [];
    public string VillageId { get; private set; } = "";
    public string VillageName { get; private set; } = "";
    public string Month { get; private set; } = "";
    public string MonthLabel { get; private set; } = "";
    public IReadOnlyList<ReportLine> Lines { get; private set; } = [];
    /// <summary>How the partners rate the village network, per quarter (Kaats' five questions, 1–5).</summary>
    public IReadOnlyList<(string Quarter, int Ratings, IReadOnlyDictionary<string, double> Averages, double Overall)> Network
    {
        get;
        private set;
    } = [];

    public async Task<IActionResult> OnGet(string? dorp, string? maand)
    {
        var user = KringUser.From(User)!;
        Villages =
            (await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages()).Where(v => user.CanSeeVillage(v.Id)).ToList();
        var village = Villages.FirstOrDefault(v => v.Id == (dorp ?? user.VillageId)) ?? (Villages.Count > 0 ? Villages[0] : null);
        if (village is null) return Forbid();
        if (dorp is not null && village.Id != dorp) return Forbid();
        var now = Amsterdam.ToLocal(TimeProvider.System.GetUtcNow());
        var first = DateTime.TryParseExact(maand, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : new DateTime(now.Year, now.Month, 1);
        VillageId = village.Id;
        VillageName = village.Name;
        Month = first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        MonthLabel = first.ToString("MMMM yyyy", Format.Culture);
        Network = Kring.Balance.NetworkQuestions.Trend(await grains.GetGrain<INetworkHealthGrain>(village.Id).GetRatings());
        Lines = MonthlyReport.Build((await grains.GetGrain<IVillageGrain>(village.Id).GetMembers()).Requests, first.Year, first.Month);
        return Page();
    }
}
