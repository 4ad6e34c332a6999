using Kring.Web.Api;
using Kring.Web.Input;

namespace Kring.Web.Services;

/// <summary>
/// A booking after it was made, for the volunteer's page and a member's page of their own circle alike: giving it back
/// before it starts (<em>Kan toch niet</em>) and reporting it done after it ended (<em>Gedaan</em>). The answer is the
/// page's message, in the reader's language.
/// </summary>
public static class BookingDesk
{
    public sealed record Outcome(string Message, bool IsError);

    public static async Task<Outcome> GiveBack(IVolunteerGrain schedule, string? requestId, string? reason)
    {
        var why = string.IsNullOrWhiteSpace(reason) ? "geen reden opgegeven" : reason.Trim();
        if (why.Length > 500) why = why[..500];
        var reply = await schedule.WithdrawAssignment(requestId ?? "", why);
        return reply == OfferReply.Unassigned
            ? new(Texts.T("Jammer dat het niet lukt. De mantelzorger hoort het, en we zoeken meteen een ander."), false)
            : new(Texts.T(Problems.Explain(reply)), true);
    }

    public static async Task<Outcome> ReportDone(IVolunteerGrain schedule, string? requestId, string? hours, bool happened, string? reason)
    {
        var errors = new FieldErrors();
        var parsed = BookingInput.ParseHours(hours, errors);
        var report = errors.Any ? null : BookingInput.Completion(parsed, happened, reason, errors);
        if (report is null) return new(string.Join(" ", errors.All.SelectMany(e => e.Value).Select(Texts.T)), true);
        var reply = await schedule.CompleteAssignment(requestId ?? "", report.Value.Hours, report.Value.Happened, report.Value.Reason);
        return new(Texts.T(Problems.Explain(reply)), reply != OfferReply.Completed);
    }
}
