using System.Globalization;
using System.Text.RegularExpressions;
using Kring.Balance;
using Kring.Web.Input;
using Kring.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Balans;

/// <summary>The balance check-in, filled in by the carer or with the consultant.</summary>
[Authorize(Policy = AuthSetup.Policies.Requester)]
public sealed partial class IndexModel(IGrainFactory grains, Privacy.AccessLog log) : PageModel
{
    [BindProperty(Name = "Kring")] public string? CircleId { get; set; }
    [BindProperty] public Dictionary<string, int> Answers { get; set; } = new();
    public bool IsConsultant => KringUser.From(User)?.Role == Role.CarerConsultant;
    public FieldErrors Errors { get; } = new();
    public CheckIn? Result { get; private set; }
    /// <summary>The check-in was refused: the circle filled it in often enough today.</summary>
    public string? Refused { get; private set; }

    public void OnGet(string? kring) => CircleId = kring;

    public async Task<IActionResult> OnPost()
    {
        var user = KringUser.From(User)!;
        var circleId = IsConsultant ? CircleId?.Trim() : user.CircleId;
        if (string.IsNullOrEmpty(circleId) || !user.CanRequestFor(circleId)) return Forbid();
        var circle = grains.GetGrain<ICarerCircleGrain>(circleId);
        if (await circle.Get() is null) Errors.Add("kring", "Deze kring bestaat niet.");
        foreach (var (question, message) in BalanceCheck.Validate(Answers)) Errors.Add(question, message);
        if (Errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        try
        {
            Result = await circle.RecordCheckIn(Answers, user.UserName);
        }
        catch (LimitReachedException limit)
        {
            Refused = RefusalText(limit);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        await log.Record(HttpContext, circleId, AccessKind.CheckIn);
        return Page();
    }

    public string Explain(CheckIn checkIn) => checkIn.Level switch
    {
        BalanceLevel.Good => Texts.T("Dank u wel. Uw score is {0} van 100: u lijkt in balans.", checkIn.Score),
        BalanceLevel.Attention => Texts.T(
            "Dank u wel. Uw score is {0} van 100. Let goed op uzelf; de mantelzorgconsulent kan met u meedenken.", checkIn.Score),
        _ => Texts.T("Dank u wel. Uw score is {0} van 100: dat is zwaar. De mantelzorgconsulent neemt contact met u op, " +
            "en uw aanvragen voor vervangende zorg gaan voor.", checkIn.Score),
    };

    /// <summary>The grain's Dutch refusal in the page's language; it says how often the circle filled it in today.</summary>
    private static string RefusalText(LimitReachedException limit) =>
        TimesToday().Match(limit.Message) is { Success: true } times
            ? Texts.T("U heeft de balansvragen vandaag al {0} keer ingevuld voor deze kring. Morgen kan het weer.",
                int.Parse(times.Groups[1].Value, CultureInfo.InvariantCulture))
            : limit.Message;

    [GeneratedRegex(@"^U heeft de balansvragen vandaag al (\d+) keer ingevuld")]
    private static partial Regex TimesToday();
}
