using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Kringen;

/// <summary>
/// The consultant imports carers from a CSV file as circles of a municipality they work in: first what would happen to each
/// row (or its problems), then, with <i>Importeren</i>, the import itself. The same use case as the API (<see cref="ImportDesk"/>).
/// </summary>
[Authorize(Roles = nameof(Role.CarerConsultant))]
[RequestFormLimits(MultipartBodyLengthLimit = ImportUpload.MaxFormBytes, ValueLengthLimit = ImportUpload.MaxFormBytes,
    ValueCountLimit = ImportUpload.MaxFields)]
public sealed class ImporterenModel(IGrainFactory grains, Privacy.AccessLog log) : PageModel
{
    [BindProperty] public string? Gemeente { get; set; }
    [BindProperty] public IFormFile? Bestand { get; set; }
    /// <summary>The file of the preview, carried to the import button (see <see cref="ImportUpload"/>).</summary>
    [BindProperty] public string? Inhoud { get; set; }
    /// <summary>The municipalities the consultant works in.</summary>
    public IReadOnlyList<string> Municipalities { get; private set; } = [];
    public ImportDesk.Outcome? Outcome { get; private set; }
    public FieldErrors Errors { get; } = new();

    public async Task OnGet() => await LoadMunicipalities();

    public async Task<IActionResult> OnPostPreview()
    {
        await LoadMunicipalities();
        return await Run(await ImportUpload.Read(Bestand, Errors), dryRun: true);
    }

    public async Task<IActionResult> OnPostImport()
    {
        await LoadMunicipalities();
        return await Run(ImportUpload.Carried(Inhoud, Errors), dryRun: false);
    }

    private async Task<IActionResult> Run(byte[]? file, bool dryRun)
    {
        Inhoud = null;
        var municipality = Gemeente?.Trim().ToLowerInvariant() ?? "";
        if (!Municipalities.Contains(municipality)) Errors.Add("gemeente", "Kies een gemeente waarin u werkt.");
        if (file is not null && !Errors.Any)
        {
            Outcome = await ImportDesk.Circles(grains, KringUser.Current(HttpContext), municipality, file, dryRun);
            await ImportDesk.LogCircles(log, HttpContext, Outcome);
            if (Outcome.Refusal is ImportDesk.Refusal.NotAllowed or ImportDesk.Refusal.NoSuchMunicipality)
            {
                Errors.Add("gemeente", "Kies een gemeente waarin u werkt.");
            }
            if (dryRun && Outcome.Refusal == ImportDesk.Refusal.None) Inhoud = ImportUpload.Carry(file);
        }
        if (Errors.Any || Outcome?.Refusal != ImportDesk.Refusal.None) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadMunicipalities()
    {
        var user = KringUser.Current(HttpContext);
        Municipalities = (await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages())
            .Select(v => v.Region).Distinct().Where(user.WorksIn).Order(StringComparer.Ordinal).ToList();
        if (string.IsNullOrEmpty(Gemeente) && Municipalities.Count > 0) Gemeente = Municipalities[0];
    }
}
