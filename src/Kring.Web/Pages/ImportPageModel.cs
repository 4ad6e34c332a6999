using Kring.Web.Input;
using Kring.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages;

/// <summary>
/// An import page: <i>Bekijken</i> shows what would happen to each row of the uploaded file (or its problems) and carries
/// the file on to <i>Importeren</i>, which imports it. The pages differ only in what they load and which import they run.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = ImportUpload.MaxFormBytes, ValueLengthLimit = ImportUpload.MaxFormBytes,
    ValueCountLimit = ImportUpload.MaxFields)]
public abstract class ImportPageModel : PageModel
{
    [BindProperty] public IFormFile? Bestand { get; set; }
    /// <summary>The file of the preview, carried to the import button (see <see cref="ImportUpload"/>).</summary>
    [BindProperty] public string? Inhoud { get; set; }
    public ImportDesk.Outcome? Outcome { get; private set; }
    public FieldErrors Errors { get; } = new();

    public async Task OnGet() => await Load();

    public async Task<IActionResult> OnPostPreview()
    {
        await Load();
        return await Run(await ImportUpload.Read(Bestand, Errors), dryRun: true);
    }

    public async Task<IActionResult> OnPostImport()
    {
        await Load();
        return await Run(ImportUpload.Carried(Inhoud, Errors), dryRun: false);
    }

    /// <summary>What the page shows besides the import.</summary>
    protected abstract Task Load();

    /// <summary>The page's import; null when the form itself is wrong, with the reason in <see cref="Errors"/>.</summary>
    protected abstract Task<ImportDesk.Outcome?> Import(byte[] file, bool dryRun);

    private async Task<IActionResult> Run(byte[]? file, bool dryRun)
    {
        Inhoud = null;
        if (file is not null && !Errors.Any)
        {
            Outcome = await Import(file, dryRun);
            if (Outcome?.Refusal is ImportDesk.Refusal.NotAllowed or ImportDesk.Refusal.NoSuchMunicipality) return Forbid();
            if (dryRun && Outcome?.Refusal == ImportDesk.Refusal.None) Inhoud = ImportUpload.Carry(file);
        }
        if (Errors.Any || Outcome?.Refusal != ImportDesk.Refusal.None) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
