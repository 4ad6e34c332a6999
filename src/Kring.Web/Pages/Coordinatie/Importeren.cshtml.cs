using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Coordinatie;

/// <summary>
/// The coordinator imports their partner's volunteers from a CSV file: first what would happen to each row (or its
/// problems), then, with <i>Importeren</i>, the import itself; new volunteers with an e-mail address get their user name and
/// code by mail. The same use case as the API (<see cref="ImportDesk"/>).
/// </summary>
[Authorize(Policy = AuthSetup.Policies.Coordinator)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportUpload.MaxFormBytes, ValueLengthLimit = ImportUpload.MaxFormBytes,
    ValueCountLimit = ImportUpload.MaxFields)]
public sealed class ImporterenModel(IGrainFactory grains, Accounts accounts, SecurityLog log) : PageModel
{
    [BindProperty] public IFormFile? Bestand { get; set; }
    /// <summary>The file of the preview, carried to the import button (see <see cref="ImportUpload"/>).</summary>
    [BindProperty] public string? Inhoud { get; set; }
    public PartnerInfo? Partner { get; private set; }
    public ImportDesk.Outcome? Outcome { get; private set; }
    public FieldErrors Errors { get; } = new();

    public async Task OnGet() => await LoadPartner();

    public async Task<IActionResult> OnPostPreview()
    {
        await LoadPartner();
        return await Run(await ImportUpload.Read(Bestand, Errors), dryRun: true);
    }

    public async Task<IActionResult> OnPostImport()
    {
        await LoadPartner();
        return await Run(ImportUpload.Carried(Inhoud, Errors), dryRun: false);
    }

    private async Task<IActionResult> Run(byte[]? file, bool dryRun)
    {
        Inhoud = null;
        var user = KringUser.Current(HttpContext);
        if (file is not null)
        {
            Outcome = await ImportDesk.Volunteers(grains, new ImportDesk.Requester(user, accounts, log, HttpContext), user.PartnerId!,
                file, dryRun);
            if (Outcome.Refusal == ImportDesk.Refusal.NotAllowed) return Forbid();
            if (dryRun && Outcome.Refusal == ImportDesk.Refusal.None) Inhoud = ImportUpload.Carry(file);
        }
        if (Errors.Any || Outcome?.Refusal != ImportDesk.Refusal.None) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadPartner() =>
        Partner = await grains.GetGrain<IPartnerGrain>(KringUser.Current(HttpContext).PartnerId!).GetInfo();
}
