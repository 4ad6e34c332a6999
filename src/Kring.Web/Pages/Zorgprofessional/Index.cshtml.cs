using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Zorgprofessional;

/// <summary>
/// A professional's circles: only those whose carer consented, each with its calendar and balance, and a short form to ask
/// for help for the carer through the same use case as the carer's own form.
/// </summary>
[Authorize(Roles = nameof(Role.Professional))]
public sealed class IndexModel(IGrainFactory grains, Privacy.AccessLog log) : PageModel
{
    public IReadOnlyList<ProfessionalDesk.CircleSummary> Circles { get; private set; } = [];
    [BindProperty] public string? Kring { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? Notes { get; set; }
    public FieldErrors Errors { get; } = new();
    [TempData] public string? Message { get; set; }

    public async Task OnGet() => Circles = await ProfessionalDesk.Circles(grains, log, HttpContext, KringUser.Current(HttpContext));

    public async Task<IActionResult> OnPostAsk()
    {
        var (refusal, limit) = await HelpRequestDesk.FileForCarer(grains, KringUser.Current(HttpContext), Kring?.Trim() ?? "", Kind,
            (Date, From, To), Notes, null, Errors);
        if (refusal is HelpRequestDesk.Refusal.NotAllowed or HelpRequestDesk.Refusal.NoSuchCircle) return Forbid();
        if (refusal == HelpRequestDesk.Refusal.Invalid)
        {
            await OnGet();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Message = Texts.T(limit ?? "De hulpvraag is verstuurd. We zoeken een vrijwilliger; de mantelzorger ziet hem onder Hulpvragen.");
        return RedirectToPage();
    }
}
