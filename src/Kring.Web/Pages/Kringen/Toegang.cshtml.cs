using Kring.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Kringen;

/// <summary>
/// Who saw a circle's personal data, and when: for the carer (their own circle), the consultant and the operator. The
/// page names the circle by its id only, so reading the log shows no personal data of its own.
/// </summary>
[Authorize(Roles = nameof(Role.CarerConsultant) + "," + nameof(Role.Carer) + "," + nameof(Role.Operator))]
public sealed class ToegangModel(IGrainFactory grains) : PageModel
{
    public string? CircleId { get; private set; }
    public bool IsCarer { get; private set; }
    public bool Unknown { get; private set; }
    public bool Erased { get; private set; }
    public IReadOnlyList<AccessEntry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGet(string? kring)
    {
        var user = KringUser.From(User)!;
        IsCarer = user.Role == Role.Carer;
        CircleId = IsCarer ? user.CircleId : string.IsNullOrWhiteSpace(kring) ? null : kring.Trim();
        if (CircleId is null) return Page();
        if (!user.CanReadAccessLog(CircleId)) return Forbid();
        var circle = grains.GetGrain<ICarerCircleGrain>(CircleId);
        if (await circle.Get() is null)
        {
            Erased = await circle.IsErased();
            Unknown = !Erased;
            if (Unknown)
            {
                Response.StatusCode = StatusCodes.Status404NotFound;
                return Page();
            }
        }
        Entries = await grains.GetGrain<IAccessLogGrain>(CircleId).Read();
        return Page();
    }
}
