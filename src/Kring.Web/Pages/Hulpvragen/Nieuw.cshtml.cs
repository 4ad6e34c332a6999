using System.Globalization;
using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Hulpvragen;

public sealed class NieuwModel(IGrainFactory grains, Privacy.AccessLog log) : PageModel
{
    [BindProperty(Name = "Kring")] public string? CircleId { get; set; }
    [BindProperty] public string? Kind { get; set; } = "buddy";
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public List<string> Needs { get; set; } = [];
    [BindProperty] public string? Notes { get; set; }
    /// <summary>Repeat every week at the same local time, for <see cref="Weeks"/> weeks.</summary>
    [BindProperty] public bool Repeat { get; set; }
    [BindProperty] public string? Weeks { get; set; } = "4";
    /// <summary>Needed soon: handled before other waiting requests.</summary>
    [BindProperty] public bool Urgent { get; set; }
    private static readonly string DefaultHours = HelpRequestDesk.DefaultCircleFirstHours.ToString(CultureInfo.InvariantCulture);
    /// <summary>
    /// Ask the circle's own people first; the form offers it, ticked, only when the circle has them. False unless posted: an
    /// unticked box sends nothing.
    /// </summary>
    [BindProperty] public bool CircleFirst { get; set; }
    [BindProperty] public string? CircleFirstHours { get; set; } = DefaultHours;
    /// <summary>The form showed the own-circle choice, so an unticked box means no.</summary>
    [BindProperty] public bool OwnCircleShown { get; set; }
    /// <summary>The circle the consultant files for, when it is known.</summary>
    public CircleProfile? Circle { get; private set; }
    /// <summary>One key per form, so pressing "send" twice files the request once.</summary>
    [BindProperty] public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");
    public bool IsConsultant { get; private set; }
    public FieldErrors Errors { get; } = new();
    /// <summary>The circle has as many open requests as it may have.</summary>
    public LimitReachedException? Refused { get; private set; }

    public async Task<IActionResult> OnGet(string? kring)
    {
        var user = KringUser.From(User)!;
        IsConsultant = user.Role == Role.CarerConsultant;
        CircleId = IsConsultant ? kring : user.CircleId;
        if (CircleId is not null && user.CanRequestFor(CircleId) && await grains.GetGrain<ICarerCircleGrain>(CircleId).Get() is { } circle)
        {
            await log.Record(HttpContext, CircleId, AccessKind.CircleViewed);
            Needs = circle.Profile.CareNeeds.Where(RequestInput.KnownNeeds.Contains).ToList();
            Circle = circle.Profile;
            OwnCircleShown = circle.Members is { Count: > 0 };
            CircleFirst = OwnCircleShown;
        }
        return Page();
    }

    public async Task<IActionResult> OnPost()
    {
        var user = KringUser.From(User)!;
        IsConsultant = user.Role == Role.CarerConsultant;
        var circleId = IsConsultant ? CircleId?.Trim() : user.CircleId;
        if (string.IsNullOrEmpty(circleId))
        {
            Errors.Add("kring", "Vul de kring in.");
            return Invalid();
        }

        var (start, end) = RequestInput.Window(Date, From, To, Errors);
        int? weeks = !Repeat ? null : int.TryParse(Weeks, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : 0;
        bool? circleFirst = OwnCircleShown ? CircleFirst : null;
        int? hours = circleFirst != true ? null
            : int.TryParse(CircleFirstHours, NumberStyles.None, CultureInfo.InvariantCulture, out var h) ? h : 0;
        var filing = new HelpRequestDesk.Filing(
            Kind, start, end, Needs, Notes, Urgent, weeks, IdempotencyKey, circleFirst,
            hours);
        var askedOwnCircle = false;
        try
        {
            var outcome = await HelpRequestDesk.File(grains, user, circleId, filing, Errors);
            askedOwnCircle = outcome.Filed.Any(r => r.CircleFirstUntil is not null);
            switch (outcome.Refusal)
            {
                case HelpRequestDesk.Refusal.NotAllowed: return Forbid();
                case HelpRequestDesk.Refusal.NoSuchCircle:
                    Errors.Add("kring", "Deze kring bestaat niet.");
                    return Invalid();
                case HelpRequestDesk.Refusal.Invalid: return Invalid();
            }
        }
        catch (LimitReachedException limit)
        {
            Refused = limit;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData["Message"] = weeks is { } series
            ? Texts.T("Uw hulpvraag is verstuurd: elke week, {0} weken lang. We zoeken één vrijwilliger voor de hele reeks.", series)
            : askedOwnCircle
            ? Texts.T("Uw hulpvraag is verstuurd. Eerst ziet uw eigen kring hem; kan niemand, dan zoeken we een vrijwilliger.")
            : Texts.T("Uw hulpvraag is verstuurd. We zoeken een vrijwilliger.");
        return RedirectToPage("Index", new { kring = circleId });
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
