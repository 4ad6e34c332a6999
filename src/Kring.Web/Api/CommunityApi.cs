using System.Globalization;
using Kring.Balance;
using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using static Kring.Web.Security.AuthSetup;

namespace Kring.Web.Api;

public sealed record AppreciationCarerResponse(string CircleId, string Village, string CarerName, bool Received,
    DateTimeOffset? ReceivedAt);
public sealed record AppreciationRoundResponse(int Year, int Eligible, int Received, IReadOnlyList<AppreciationCarerResponse> Carers);
public sealed record AppreciationReceiptResponse(string CircleId, DateTimeOffset ReceivedAt, string By);
public sealed record NetworkRatingInput(Dictionary<string, int>? Answers);
public sealed record NetworkTrendResponse(string Quarter, int Ratings, IReadOnlyDictionary<string, double> Averages, double Overall);

/// <summary>The yearly appreciation round for carers, and how the partners rate their village network.</summary>
public static class CommunityApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var consultant = api.MapGroup("/appreciation/{year:int}").RequireAuthorization(p => p.RequireRole(nameof(Role.CarerConsultant)));
        consultant.MapGet("", GetRound).Doc("getAppreciationRound", ApiTags.Community, "The appreciation round of a year",
            "Returns every registered carer and whether they received the year's appreciation (years 2000 to 2100).");
        consultant.MapPost("/{circleId}/received", MarkReceived).Doc("markAppreciationReceived", ApiTags.Community,
            "Record an appreciation received", "Records that the circle's carer received the year's appreciation.");

        api.MapGet("/network/questions", () => TypedResults.Ok(NetworkQuestions.Questions.Select(BalanceApi.Question))).AllowAnonymous()
            .Doc("listNetworkQuestions", ApiTags.Community, "The network rating questions",
                "Returns the questions partners answer about their village network, each with a whole number from min to max.");
        api.MapPost("/villages/{villageId}/network-ratings", Rate).RequireAuthorization(Policies.Coordinator).Doc("rateNetwork",
            ApiTags.Community, "Rate the village network", "A coordinator rates the network of a village their partner works in.");
        api.MapGet("/villages/{villageId}/network-health", NetworkHealth).RequireAuthorization(Policies.Villages).Doc("getNetworkHealth",
            ApiTags.Community, "The village network's health", "Returns the average ratings of the village network per quarter.");
    }

    private static async Task<Results<Ok<AppreciationRoundResponse>, InvalidInputProblem>> GetRound(
        int year, HttpContext http, IGrainFactory grains, Privacy.AccessLog log)
    {
        if (year is < 2000 or > 2100) return Problems.Validation(FieldErrors.One("year", "Kies een jaar tussen 2000 en 2100."));
        var round = await Round(grains, KringUser.Current(http), year);
        await log.Record(http, round.Carers.Select(c => c.CircleId), AccessKind.Listed);
        return TypedResults.Ok(round);
    }

    private static async Task<Results<Ok<IEnumerable<NetworkTrendResponse>>, ForbiddenProblem>> NetworkHealth(
        string villageId, HttpContext http, IGrainFactory grains)
    {
        if (!KringUser.From(http.User)!.CanSeeVillage(villageId)) return Problems.Forbidden("U heeft geen toegang tot dit dorp.");
        var ratings = await grains.GetGrain<INetworkHealthGrain>(villageId).GetRatings();
        return TypedResults.Ok(NetworkQuestions.Trend(ratings).Select(t => new NetworkTrendResponse(t.Quarter, t.Ratings, t.Averages,
            t.Overall)));
    }

    /// <summary>Every registered carer is eligible; the round records who received it.</summary>
    /// <summary>The round in the villages the user sees: a consultant's is their own municipality's.</summary>
    public static async Task<AppreciationRoundResponse> Round(IGrainFactory grains, KringUser user, int year)
    {
        var villages = (await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages()).Where(v => user.CanSeeVillage(v.Id));
        var members = await Task.WhenAll(villages.Select(v => grains.GetGrain<IVillageGrain>(v.Id).GetMembers()));
        var circles = await Task.WhenAll(members.SelectMany(m => m.Circles).Select(c => grains.GetGrain<ICarerCircleGrain>(c).Get()));
        var received = (await grains.GetGrain<IAppreciationGrain>(year.ToString(CultureInfo.InvariantCulture)).GetReceived())
            .ToDictionary(r => r.CircleId);
        var carers = circles.OfType<CircleView>()
            .Select(c => new AppreciationCarerResponse(c.Profile.Id, c.Profile.Village, c.Profile.CarerName,
                received.ContainsKey(c.Profile.Id), received.GetValueOrDefault(c.Profile.Id)?.At))
            .OrderBy(c => c.CircleId, StringComparer.Ordinal)
            .ToList();
        return new AppreciationRoundResponse(year, carers.Count, carers.Count(c => c.Received), carers);
    }

    private static async Task<Results<Ok<AppreciationReceiptResponse>, InvalidInputProblem, NotFoundProblem>> MarkReceived(
       int year, string circleId, HttpContext http, IGrainFactory grains)
    {
        if (year is < 2000 or > 2100) return Problems.Validation(FieldErrors.One("year", "Kies een jaar tussen 2000 en 2100."));
        if (await grains.GetGrain<ICarerCircleGrain>(circleId).Get() is null) return Problems.NotFound("Deze kring bestaat niet.");
        var receipt = await grains.GetGrain<IAppreciationGrain>(year.ToString(CultureInfo.InvariantCulture)).MarkReceived(circleId,
            KringUser.From(http.User)!.UserName);
        return TypedResults.Ok(new AppreciationReceiptResponse(receipt.CircleId, receipt.At, receipt.By));
    }

    private static async Task<Results<NoContent, NotFoundProblem, ForbiddenProblem, InvalidInputProblem>> Rate(
       string villageId, NetworkRatingInput? body, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var refusal = await NetworkRatingDesk.Rate(grains, KringUser.From(http.User)!, villageId, body?.Answers, errors);
        return refusal switch
        {
            NetworkRatingDesk.Refusal.NoSuchVillage => Problems.NotFound(NetworkRatingDesk.Explain(refusal, villageId)),
            NetworkRatingDesk.Refusal.NotOurVillage => Problems.Forbidden(NetworkRatingDesk.Explain(refusal, villageId)),
            NetworkRatingDesk.Refusal.Invalid => Problems.Validation(errors),
            _ => TypedResults.NoContent(),
        };
    }
}
