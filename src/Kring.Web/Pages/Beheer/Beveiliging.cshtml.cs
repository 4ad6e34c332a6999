using Kring.Web.Api;
using Kring.Web.Input;
using Kring.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Beheer;

/// <summary>
/// The security event log for operators, newest first, with the filters of <c>GET /api/v1/security-events</c> as a GET
/// form.
/// </summary>
public sealed class BeveiligingModel(SecurityLog log) : PageModel
{
    public string? Kind { get; private set; }
    public string? UserFilter { get; private set; }
    public string? From { get; private set; }
    public string? To { get; private set; }
    public string? Limit { get; private set; }
    public IReadOnlyList<SecurityEvent> Events { get; private set; } = [];
    public FieldErrors Errors { get; } = new();

    public async Task OnGet(string? kind, string? user, string? from, string? to, string? limit)
    {
        (Kind, UserFilter, From, To, Limit) = (kind, user, from, to, limit);
        var query = SecurityApi.Parse(kind, user, from, to, limit, Errors);
        if (query is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Events = await log.Grain.Read(query);
    }
}
