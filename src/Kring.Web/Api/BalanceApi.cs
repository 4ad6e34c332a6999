using System.Globalization;
using Kring.Balance;
using Kring.Web.Input;
using Kring.Web.Reports;
using Kring.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using static Kring.Web.Security.AuthSetup;

namespace Kring.Web.Api;

public sealed record CheckInInput(Dictionary<string, int>? Answers);
public sealed record CheckInResultResponse(int Score, string Level);
/// <summary>A carer who needs the consultant's attention; <c>source</c> names who referred them (null for a check-in's signal).</summary>
public sealed record SignalResponse(
    string CircleId, string Village, string Reason, int Score, string Level, DateTimeOffset At, string? Source = null);
public sealed record QuietCircleResponse(string CircleId, DateTimeOffset? LastContact);
public sealed record ReportLineResponse(string Section, string Key, string Value);

/// <summary>Carers in balance: check-ins, the consultant's signals, staying in touch, and the village's monthly report.</summary>
public static class BalanceApi
{
    public const int DefaultQuietWeeks = 12;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/checkins/questions", () => TypedResults.Ok(BalanceCheck.Questions.Select(Question))).AllowAnonymous()
            .Doc("listCheckInQuestions", ApiTags.Balance, "The check-in questions",
                "Returns the questions of the balance check-in, each answered with a whole number from min to max.");
        api.MapPost("/circles/{circleId}/checkins", CheckIn).RequireAuthorization(Policies.Requester).Doc("recordCheckIn", ApiTags.Balance,
            "Record a check-in",
                "The carer answers the check-in questions; the answer is the score and the level (good, attention, overloaded).");
        api.MapGet("/signals", Signals).RequireAuthorization(p => p.RequireRole(nameof(Role.CarerConsultant))).Doc("listSignals",
            ApiTags.Balance, "List the signals",
                "Returns the carers a village contact person referred (with the source), newest first, then those whose check-ins " +
                "say they may be overloaded, for the consultant.");
        api.MapGet("/villages/{villageId}/quiet", Quiet).RequireAuthorization(Policies.Villages).Doc("listQuietCircles", ApiTags.Villages,
            "List the quiet circles", "Returns the village's circles without contact in the last weeks (1 to 520, 12 unless given).");
        api.MapGet("/villages/{villageId}/report", Report).RequireAuthorization(Policies.Villages).Doc("getVillageReport", ApiTags.Villages,
            "A village's monthly report", "Returns the report of a month (yyyy-MM) as JSON lines, or as a CSV file with format=csv.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        CommunityApi.Map(api);
    }

    public static QuestionResponse Question(Question q) => new(q.Id, q.Text, q.Min, q.Max);

    private static async Task<Ok<IEnumerable<SignalResponse>>> Signals(HttpContext http, IGrainFactory grains, Privacy.AccessLog log)
    {
        var user = KringUser.Current(http);
        var signals = (await grains.GetGrain<ISignalsGrain>(DirectoryKeys.Default).GetSignals())
            .Where(s => user.InScope(s.Village)).ToList();
        await log.Record(http, signals.Select(s => s.CircleId), AccessKind.Listed);
        return TypedResults.Ok(signals.Select(s =>
            new SignalResponse(s.CircleId, s.Village, s.Reason, s.Score, Code(s.Level), s.At, s.Source)));
    }

    public static string Code(BalanceLevel level) => level switch
    {
        BalanceLevel.Good => "good",
        BalanceLevel.Attention => "attention",
        _ => "overloaded",
    };

    private static async Task<Results<Ok<CheckInResultResponse>, ForbiddenProblem, MissingProblem, InvalidInputProblem>> CheckIn(
       string circleId, CheckInInput? body, HttpContext http, IGrainFactory grains, Privacy.AccessLog log)
    {
        var user = KringUser.From(http.User)!;
        var id = string.Equals(circleId, "mine", StringComparison.OrdinalIgnoreCase) ? user.CircleId : circleId;
        if (id is null || !user.CanRequestFor(id)) return Problems.Forbidden("U kunt geen check-in doen voor deze kring.");
        var circle = grains.GetGrain<ICarerCircleGrain>(id);
        if (await circle.Get() is null) return await PrivacyApi.Missing(circle);
        var errors = new FieldErrors();
        foreach (var (question, message) in BalanceCheck.Validate(body?.Answers)) errors.Add($"answers.{question}", message);
        if (errors.Any) return Problems.Validation(errors);
        var checkIn = await circle.RecordCheckIn(body!.Answers!, user.UserName);
        await log.Record(http, id, AccessKind.CheckIn);
        return TypedResults.Ok(new CheckInResultResponse(checkIn.Score, Code(checkIn.Level)));
    }

    private static async Task<Results<Ok<IEnumerable<QuietCircleResponse>>, ForbiddenProblem, InvalidInputProblem>> Quiet(
       string villageId, int? weeks, HttpContext http, IGrainFactory grains)
    {
        var user = KringUser.From(http.User)!;
        if (!user.CanSeeVillage(villageId) || user.Role == Role.KeyFigure)
        {
            return Problems.Forbidden("U heeft geen toegang tot de mantelzorgers van dit dorp.");
        }
        if (weeks is < 1 or > 520) return Problems.Validation(FieldErrors.One("weeks", "Kies een aantal weken van 1 tot en met 520."));
        var since = TimeProvider.System.GetUtcNow().AddDays(-7 * (weeks ?? DefaultQuietWeeks));
        var quiet = await grains.GetGrain<IVillageGrain>(villageId).GetQuiet(since);
        return TypedResults.Ok(quiet.Select(q => new QuietCircleResponse(q.CircleId, q.LastContact)));
    }

    private static async Task<Results<Ok<IEnumerable<ReportLineResponse>>, FileContentHttpResult, ForbiddenProblem, InvalidInputProblem,
        NotFoundProblem>> Report(
       string villageId, string? month, string? format, HttpContext http, IGrainFactory grains)
    {
        if (!KringUser.From(http.User)!.CanSeeVillage(villageId)) return Problems.Forbidden("U heeft geen toegang tot dit dorp.");
        if (!DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return Problems.Validation(FieldErrors.One("month", "Kies een maand als jjjj-mm, bijvoorbeeld 2027-03."));
        }
        if (format is not (null or "json" or "csv")) return Problems.Validation(FieldErrors.One("format", "Kies csv of json."));
        var village = grains.GetGrain<IVillageGrain>(villageId);
        if (await village.GetInfo() is null) return Problems.NotFound($"Dorp '{villageId}' bestaat niet.");
        var lines = MonthlyReport.Build((await village.GetMembers()).Requests, first.Year, first.Month);
        return format == "csv"
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(MonthlyReport.ToCsv(lines)), "text/csv; charset=utf-8",
                $"kring-{villageId}-{month}.csv")
            : TypedResults.Ok(lines.Select(l => new ReportLineResponse(l.Section, l.Key, l.Value)));
    }
}
