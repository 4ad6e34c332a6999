using Kring.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Beheer;

/// <summary>The outboxes as the operator sees them: waiting, retrying, delivered, and parked mail to send again.</summary>
public sealed class PostModel(IGrainFactory grains) : PageModel
{
    public MailDesk.Overview? Overview { get; private set; }
    [TempData] public string? Message { get; set; }
    [TempData] public bool MessageIsError { get; set; }

    public async Task OnGet() => Overview = await MailDesk.Read(grains);

    public async Task<IActionResult> OnPostRetry(string? id)
    {
        var done = !string.IsNullOrWhiteSpace(id) && await MailDesk.Retry(grains, id);
        MessageIsError = !done;
        Message = Texts.T(done ? "Het bericht staat weer klaar om te versturen." : "Dit bericht staat niet geparkeerd.");
        return RedirectToPage();
    }
}
