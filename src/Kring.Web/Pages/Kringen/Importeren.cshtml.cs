using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kring.Web.Pages.Kringen;

/// <summary>
/// The consultant imports carers from a CSV file as circles of a municipality they work in. The same use case as the API
/// (<see cref="ImportDesk"/>).
/// </summary>
[Authorize(Roles = nameof(Role.CarerConsultant))]
public sealed class ImporterenModel(IGrainFactory grains, Privacy.AccessLog log) : ImportPageModel
{
    [BindProperty] public string? Gemeente { get; set; }
    /// <summary>The municipalities the consultant works in.</summary>
    public IReadOnlyList<string> Municipalities { get; private set; } = [];

    protected override async Task Load()
    {
        var user = KringUser.Current(HttpContext);
        Municipalities = (await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetMunicipalities())
            .Select(m => m.Id).Where(user.WorksIn).Order(StringComparer.Ordinal).ToList();
        if (string.IsNullOrEmpty(Gemeente) && Municipalities.Count > 0) Gemeente = Municipalities[0];
    }

    protected override async Task<ImportDesk.Outcome?> Import(byte[] file, bool dryRun)
    {
        var municipality = Gemeente?.Trim().ToLowerInvariant() ?? "";
        if (!Municipalities.Contains(municipality))
        {
            Errors.Add("gemeente", "Kies een gemeente waarin u werkt.");
            return null;
        }
        var outcome = await ImportDesk.Circles(grains, KringUser.Current(HttpContext), municipality, file, dryRun);
        await ImportDesk.LogCircles(log, HttpContext, outcome);
        return outcome;
    }
}
