using System.Runtime.CompilerServices;
using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using static Kring.Web.Security.AuthSetup;

namespace Kring.Web.Api;

public sealed record VolunteerPreferencesInput(IReadOnlyList<string>? Kinds, IReadOnlyList<string>? Skills, double? MaxKm);
public sealed record PreferencesResponse(IReadOnlyList<string> Kinds, IReadOnlyList<string> Skills, double MaxKm);
public sealed record NewCircleInput(
    string? Village, string? CarerName, int? CarerAge, string? CareRecipientName, string? Relationship, IReadOnlyList<string>? Needs,
    string? Phone, string? Address);

/// <summary>
/// The routes the pages for every role lean on: the volunteer's preferences and calendar feed, registering a carer
/// circle, and the village's live key figures and export.
/// </summary>
public static class FrontEndApi
{
    /// <summary>How often the live stream looks at the village; a change goes out at the next look.</summary>
    public static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(2);
    /// <summary>The live stream repeats the figures at least this often, so proxies keep the connection open.</summary>
    public static readonly TimeSpan LiveHeartbeat = TimeSpan.FromSeconds(15);

    private const string NoProfile = "Dit vrijwilligersprofiel bestaat niet.";

    public static void MapKringFrontEndApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").AddEndpointFilter<Resilience.ResilientEndpointFilter>()
            .AddEndpointFilter<Security.CircleScopeFilter>().WithCommonProblems();

        // The carer's own people have a schedule of their own too, and their bookings belong in their calendar as well.
        api.MapGet("/volunteers/me/assignments.ics", CalendarFeedFor).RequireAuthorization(Policies.Schedule)
            .Produces<string>(StatusCodes.Status200OK, CalendarFeed.MediaType)
            .Doc("getAssignmentCalendar", ApiTags.Volunteers, "My assignments as a calendar",
                "Returns the volunteer's (or the circle member's) assignments as an iCalendar feed (RFC 5545), with the kind of help " +
                "and the village only.");
        var me = api.MapGroup("/volunteers/me").RequireAuthorization(Policies.Volunteer);
        me.MapGet("/preferences", GetPreferences).Doc("getPreferences", ApiTags.Volunteers, "Read my preferences",
            "Returns the kinds of help the volunteer offers, their skills and how far (km) they travel.");
        me.MapPut("/preferences", SetPreferences).Doc("setPreferences", ApiTags.Volunteers, "Set my preferences",
            "Replaces the kinds of help, the skills and the distance (km), and returns them.");

        api.MapPost("/circles", RegisterCircle).RequireAuthorization(policy => policy.RequireRole(nameof(Role.CarerConsultant)))
            .Doc("registerCircle", ApiTags.Circles, "Register a circle", "The consultant registers a carer circle in a village. An " +
                "Idempotency-Key header makes a retry register nothing twice.");

        api.MapGet("/villages/{villageId}/overview.csv", VillageExport).RequireAuthorization(Policies.Villages)
            .Produces<string>(StatusCodes.Status200OK, "text/csv").Doc("exportVillageOverview", ApiTags.Villages,
                "Export a village's key figures",
                "Returns the village's key figures as a CSV file; small counts are hidden so no one can be recognised.");
        // A stream stays open for as long as the page does, so it runs outside the per-call timeout of the resilience pipeline.
        app.MapGet("/api/v1/villages/{villageId}/overview/stream",
            VillageStream).RequireAuthorization(Policies.Villages).WithCommonProblems()
            .Doc("streamVillageOverview", ApiTags.Villages, "Follow a village's key figures",
                "A server-sent event stream of the village's key figures: now, then whenever they change, and at least every 15 seconds.");
    }

    private static async Task<ContentHttpResult> CalendarFeedFor(HttpContext http, IGrainFactory grains)
    {
        var assignments = await Volunteer(http, grains).GetAssignments();
        var villages = (await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages()).ToDictionary(v => v.Id, v => v.Name);
        var page = $"{http.Request.Scheme}://{http.Request.Host}" +
            (KringUser.Current(http).Role == Role.CircleMember ? "/MijnKring" : "/Vrijwilliger");
        var ics = CalendarFeed.Build(assignments, villages, page, TimeProvider.System.GetUtcNow());
        http.Response.Headers.ContentDisposition = "inline; filename=\"kring-afspraken.ics\"";
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Text(ics, CalendarFeed.MediaType + "; charset=utf-8");
    }

    private static async Task<Results<Ok<PreferencesResponse>, NotFoundProblem>> GetPreferences(HttpContext http, IGrainFactory grains) =>
        await Volunteer(http, grains).GetProfile() is { } p ? TypedResults.Ok(ToJson(p)) : Problems.NotFound(NoProfile);

    private static async Task<Results<Ok<PreferencesResponse>, InvalidInputProblem, NotFoundProblem>> SetPreferences(
        VolunteerPreferencesInput? body, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var km = body?.MaxKm?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var preferences = PreferencesInput.Parse(body?.Kinds, body?.Skills, km, errors);
        if (preferences is null) return Problems.Validation(errors);
        var volunteer = Volunteer(http, grains);
        await volunteer.UpdatePreferences(preferences.Kinds, preferences.Skills, preferences.MaxKm);
        return await volunteer.GetProfile() is { } p ? TypedResults.Ok(ToJson(p)) : Problems.NotFound(NoProfile);
    }

    private static async Task<Results<Created<CircleResponse>, InvalidInputProblem>> RegisterCircle(NewCircleInput? body, HttpContext http,
        IGrainFactory grains, Privacy.AccessLog log,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        var errors = new FieldErrors();
        if (body is null) { errors.Add("body", "Stuur de gegevens van de kring mee."); return Problems.Validation(errors); }
        if (idempotencyKey is { Length: > 100 }) errors.Add("Idempotency-Key", "De sleutel is te lang (hooguit 100 tekens).");
        var user = KringUser.Current(http);
        var villages = (await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages()).Where(v => user.InScope(v.Id))
            .Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        var profile = CircleInput.Validate(CircleInput.NewId(idempotencyKey), body.Village, villages, body.CarerName, body.CarerAge,
            body.CareRecipientName,
            body.Relationship, body.Needs, body.Phone, body.Address, errors);
        if (profile is null) return Problems.Validation(errors);
        var view = await CircleDesk.RegisterOnce(grains, profile);
        await log.Record(http, view.Profile.Id, AccessKind.Registered);
        return TypedResults.Created($"/api/v1/circles/{view.Profile.Id}", view.ToDto());
    }

    private static async Task<Results<ContentHttpResult, ForbiddenProblem, NotFoundProblem>> VillageExport(
        string villageId, HttpContext http, IGrainFactory grains)
    {
        if (!CanSee(villageId, http)) return Forbidden();
        if (!await Exists(villageId, grains)) return Missing(villageId);
        var counts = await VillageCounts.Load(grains, villageId, TimeProvider.System.GetUtcNow());
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"kring-{villageId}-kerncijfers.csv\"";
        return TypedResults.Text(counts.ToSafeCsv(), "text/csv; charset=utf-8");
    }

    private static async Task<Results<ServerSentEventsResult<string>, ForbiddenProblem, NotFoundProblem>> VillageStream(
        string villageId, HttpContext http, IGrainFactory grains, IHostApplicationLifetime lifetime)
    {
        if (!CanSee(villageId, http)) return Forbidden();
        if (!await Exists(villageId, grains)) return Missing(villageId);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.ServerSentEvents(LiveCounts(grains, villageId, http.RequestAborted, lifetime.ApplicationStopping), "overview");
    }

    /// <summary>The village's safe figures now, then again whenever they change (and at least every heartbeat).</summary>
    private static async IAsyncEnumerable<string> LiveCounts(IGrainFactory grains, string villageId, CancellationToken aborted,
        CancellationToken stopping, [EnumeratorCancellation] CancellationToken enumeration = default)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping, enumeration);
        string? last = null;
        var lastSent = DateTimeOffset.MinValue;
        while (!cancel.IsCancellationRequested)
        {
            var now = TimeProvider.System.GetUtcNow();
            var counts = await TryLoad(grains, villageId, now);
            // The cluster did not answer: end the stream; the browser's EventSource reconnects by itself.
            if (counts is null) yield break;
            var json = counts.ToSafeJson(now);
            var figures = json[json.IndexOf("\"counts\"", StringComparison.Ordinal)..];
            if (figures != last || now - lastSent >= LiveHeartbeat)
            {
                last = figures;
                lastSent = now;
                yield return json;
            }
            try
            {
                await Task.Delay(LiveInterval, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private static async Task<VillageCounts?> TryLoad(IGrainFactory grains, string villageId, DateTimeOffset now)
    {
        try
        {
            return await VillageCounts.Load(grains, villageId, now);
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static bool CanSee(string villageId, HttpContext http) => KringUser.From(http.User)!.CanSeeVillage(villageId);

    private static async Task<bool> Exists(string villageId, IGrainFactory grains) =>
        await grains.GetGrain<IVillageGrain>(villageId).GetInfo() is not null;

    private static ForbiddenProblem Forbidden() => Problems.Forbidden("U heeft geen toegang tot dit dorp.");

    private static NotFoundProblem Missing(string villageId) => Problems.NotFound($"Dorp '{villageId}' bestaat niet.");

    private static IVolunteerGrain Volunteer(HttpContext http, IGrainFactory grains) =>
        grains.GetGrain<IVolunteerGrain>(KringUser.From(http.User)!.VolunteerId!);

    private static PreferencesResponse ToJson(VolunteerProfile p) => new(p.Kinds.Select(k => k.Code()).ToList(), p.Skills, p.MaxKm);
}
