using Kring.Balance;
using Kring.Web.Input;
using Kring.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Balans;

/// <summary>The balance check-in, filled in by the carer or with the consultant.</summary>
[Authorize(Policy = AuthSetup.Policies.Requester)]
public sealed class IndexModel(IGrainFactory grains, Privacy.AccessLog log) : PageModel
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
            Refused = limit.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        await log.Record(HttpContext, circleId, AccessKind.CheckIn);
        return Page();
    }

    public string Explain(CheckIn checkIn) => checkIn.Level switch
    {
        BalanceLevel.Good => $"Dank u wel. Uw score is {checkIn.Score} van 100: u lijkt in balans.",
        BalanceLevel.Attention =>
            $"Dank u wel. Uw score is {checkIn.Score} van 100. Let goed op uzelf; de mantelzorgconsulent kan met u meedenken.",
        _ => $"Dank u wel. Uw score is {checkIn.Score} van 100: dat is zwaar. De mantelzorgconsulent neemt contact met u op, " +
            "en uw aanvragen voor vervangende zorg gaan voor.",
    };
}
