using Kring.Web.Input;
using Kring.Web.Privacy;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using static Kring.Web.Security.AuthSetup;

namespace Kring.Web.Api;

public static class KringApi
{
    public static void MapKringApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Kring").AddEndpointFilter<Resilience.ResilientEndpointFilter>();

        api.MapPost("/session", SignIn).AllowAnonymous();
        api.MapDelete("/session", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        });
        api.MapGet("/me", (HttpContext http) => Results.Ok(ToDto(KringUser.Current(http)))).RequireAuthorization();
        api.MapKringAccountApi();
        api.MapKringSecurityApi();

        api.MapGet("/villages", async (IGrainFactory grains) =>
        {
            var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
            return Results.Ok(villages.Select(v => new VillageDto(v.Id, v.Name, v.Region, v.Lat, v.Lon, v.ContactName, v.Initiatives)));
        }).AllowAnonymous();
        api.MapGet("/villages/{villageId}/overview", VillageOverview).RequireAuthorization(Policies.Villages);

        var me = api.MapGroup("/volunteers/me").RequireAuthorization(Policies.Volunteer);
        me.MapGet("/availability", async (HttpContext http, IGrainFactory grains) => Results.Ok(ToJson(await Volunteer(http, grains).GetAvailability())));
        me.MapPut("/availability", SetAvailability);
        me.MapGet("/offers", async (HttpContext http, IGrainFactory grains) =>
            Results.Ok((await Volunteer(http, grains).GetOffers()).Select(o => o.ToDto())));
        me.MapGet("/offers/live", OfferStream.Stream);
        me.MapGet("/assignments", async (HttpContext http, IGrainFactory grains) =>
            Results.Ok((await Volunteer(http, grains).GetAssignments()).Select(a => new AssignmentDto(a.RequestId, a.Kind.Code(), a.Village, a.Start, a.End))));

        me.MapPost("/assignments/{requestId}/withdraw", async (string requestId, WithdrawJson? body, HttpContext http, IGrainFactory grains) =>
        {
            var errors = new FieldErrors();
            if (string.IsNullOrWhiteSpace(body?.Reason)) errors.Add("reason", "Geef een reden op; de coördinator ziet die in de geschiedenis.");
            else if (body.Reason.Length > 500) errors.Add("reason", "De reden is te lang (hooguit 500 tekens).");
            if (errors.Any) return Problems.Validation(errors);
            var reply = await Volunteer(http, grains).WithdrawAssignment(requestId, body!.Reason!.Trim());
            return reply switch
            {
                OfferReply.Unassigned => Results.Ok(new OfferResultDto(requestId, "withdrawn")),
                OfferReply.NotFound => Problems.NotFound("U heeft geen afspraak voor deze hulpvraag."),
                _ => Problems.Conflict(Problems.Explain(reply), reply.Code()),
            };
        });

        me.MapPost("/assignments/{requestId}/complete", async (string requestId, CompleteJson? body, HttpContext http, IGrainFactory grains) =>
        {
            var errors = new FieldErrors();
            var report = BookingInput.Completion(body?.Hours, body?.Happened ?? true, body?.Reason, errors);
            if (report is null) return Problems.Validation(errors);
            var reply = await Volunteer(http, grains).CompleteAssignment(requestId, report.Value.Hours, report.Value.Happened, report.Value.Reason);
            return reply switch
            {
                OfferReply.Completed => Results.Ok(new OfferResultDto(requestId, "completed")),
                OfferReply.NotFound => Problems.NotFound("U heeft geen afspraak voor deze hulpvraag."),
                _ => Problems.Conflict(Problems.Explain(reply), reply.Code()),
            };
        });

        var offers = api.MapGroup("/offers/{offerId}").RequireAuthorization(Policies.Volunteer);
        offers.MapPost("/accept", (string offerId, HttpContext http, IGrainFactory grains) => Answer(offerId, Volunteer(http, grains).Accept(offerId), OfferReply.Accepted, OfferReply.AlreadyAccepted));
        offers.MapPost("/decline", (string offerId, HttpContext http, IGrainFactory grains) => Answer(offerId, Volunteer(http, grains).Decline(offerId), OfferReply.Declined, OfferReply.AlreadyDeclined));

        var circles = api.MapGroup("/circles/{circleId}").RequireAuthorization();
        circles.MapGet("", GetCircle);
        circles.MapPost("/requests", SubmitRequest).RequireAuthorization(Policies.Requester);
        circles.MapGet("/requests/{requestId}", GetRequest);
        circles.MapPost("/requests/{requestId}/cancel", CancelRequest).RequireAuthorization(Policies.Requester);
        circles.MapPost("/requests/{requestId}/assign", Coordination.Assign).RequireAuthorization(Policies.Coordinator);
        circles.MapPost("/requests/{requestId}/unassign", Coordination.Unassign).RequireAuthorization(Policies.Coordinator);

        api.MapGet("/partners", async (IGrainFactory grains) =>
            Results.Ok((await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetPartners())
                .Select(p => new PartnerDto(p.Id, p.Name, p.Description, p.Services.Select(s => s.Code()).ToList(), p.Villages)))).AllowAnonymous();
        var partner = api.MapGroup("/partners/{partnerId}").RequireAuthorization(Policies.Coordinator);
        partner.MapGet("/queue", Coordination.Queue);
        partner.MapGet("/volunteers", Coordination.Volunteers);
        partner.MapPost("/volunteers", Coordination.RegisterVolunteer);
        BalanceApi.Map(api);
        api.MapKringContactApi();
        api.MapKringMailApi();
    }

    private static async Task<IResult> SignIn(SessionRequest? body, HttpContext http, Accounts accounts)
    {
        var (account, retryAfter, expired) = await accounts.SignIn(http, body?.Username, body?.Password);
        if (retryAfter is { } wait) return Problems.TooManyAttempts(http, wait);
        if (account is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Inloggen mislukt.",
                detail: expired ? ExpiredCode : "Onbekende gebruikersnaam of onjuist wachtwoord.");
        }
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            KringUser.ToPrincipal(account, CookieAuthenticationDefaults.AuthenticationScheme));
        return Results.Ok(Session(http, account));
    }

    public const string ExpiredCode = "Deze activeringscode is verlopen; vraag een nieuwe aan bij wie uw account heeft aangemaakt.";

    /// <summary>A new bearer token for the account; <c>mustChoosePassword</c> says it only serves to choose the password.</summary>
    public static SessionResponse Session(HttpContext http, AccountRecord account)
    {
        var (token, expiresAt) = IssueToken(http, account);
        return new SessionResponse(token, "Bearer", expiresAt, ToDto(KringUser.From(KringUser.ToPrincipal(account, "token"))!), account.ActivationExpiresAt is not null);
    }

    private static async Task<IResult> VillageOverview(string villageId, HttpContext http, IGrainFactory grains)
    {
        if (!KringUser.Current(http).CanSeeVillage(villageId)) return Problems.Forbidden("U heeft geen toegang tot dit dorp.");
        var village = grains.GetGrain<IVillageGrain>(villageId);
        if (await village.GetInfo() is null) return Problems.NotFound($"Dorp '{villageId}' bestaat niet.");
        var o = await village.GetOverview();
        return Results.Ok(new OverviewDto(o.VillageId, o.Name, o.Carers, o.YoungCarers, o.Volunteers, new RequestCounts(o.Open, o.Offered, o.Matched)));
    }

    private static async Task<IResult> SetAvailability(AvailabilityJson? body, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (body is null) { errors.Add("body", "Stuur een beschikbaarheid mee."); return Problems.Validation(errors); }
        var slots = (body.Weekly ?? []).Select(s => (s?.Day, s?.From, s?.To)).ToList();
        var availability = AvailabilityInput.Parse(slots, body.DaysOff, body.Paused ?? false, errors);
        if (availability is null) return Problems.Validation(errors);
        var volunteer = Volunteer(http, grains);
        await volunteer.SetAvailability(availability);
        return Results.Ok(ToJson(await volunteer.GetAvailability()));
    }

    /// <summary>Doing the same thing twice is fine (200); anything else that did not happen is a 409 that says why.</summary>
    private static async Task<IResult> Answer(string offerId, Task<OfferReply> call, OfferReply done, OfferReply doneBefore)
    {
        var reply = await call;
        if (reply == done || reply == doneBefore) return Results.Ok(new OfferResultDto(offerId, reply.Code()));
        return reply == OfferReply.NotFound ? Problems.NotFound(Problems.Explain(reply)) : Problems.Conflict(Problems.Explain(reply), reply.Code());
    }

    private static async Task<IResult> GetCircle(string circleId, HttpContext http, IGrainFactory grains, AccessLog log)
    {
        var user = KringUser.Current(http);
        var id = Resolve(circleId, user);
        if (id is null) return Problems.NotFound("Deze kring bestaat niet.");
        var grain = grains.GetGrain<ICarerCircleGrain>(id);
        var circle = await grain.Get();
        if (circle is null) return await Missing(grain, user);
        if (!user.CanReadCircle(circle.Profile)) return Problems.Forbidden("U heeft geen toegang tot deze kring.");
        await log.Record(http, id, AccessKind.CircleViewed);
        return Results.Ok(circle.ToDto());
    }

    /// <summary>
    /// 410 for an erased circle to those who may still know of it (the consultant, the operator); 404 otherwise, so
    /// nobody else learns which ids were erased.
    /// </summary>
    private static Task<IResult> Missing(ICarerCircleGrain circle, KringUser user) =>
        user.Role is Role.CarerConsultant or Role.Operator ? PrivacyApi.Missing(circle) : Task.FromResult(Problems.NotFound("Deze kring bestaat niet."));

    private static async Task<IResult> SubmitRequest(string circleId, NewRequestJson? body, HttpContext http, IGrainFactory grains,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        var user = KringUser.Current(http);
        var id = Resolve(circleId, user);
        if (id is null) return Problems.Forbidden("U kunt geen hulp vragen voor deze kring.");
        var errors = new FieldErrors();
        var filing = new HelpRequestDesk.Filing(body?.Kind, RequestInput.ParseInstant(body?.Start, "start", errors),
            RequestInput.ParseInstant(body?.End, "end", errors), body?.Needs, body?.Notes, body?.Urgent == true, body?.Repeat is null ? null : body.Repeat.Weeks ?? 0,
            idempotencyKey);
        var outcome = await HelpRequestDesk.File(grains, user, id, filing, errors);
        switch (outcome.Refusal)
        {
            case HelpRequestDesk.Refusal.NotAllowed: return Problems.Forbidden("U kunt geen hulp vragen voor deze kring.");
            case HelpRequestDesk.Refusal.NoSuchCircle: return await Missing(grains.GetGrain<ICarerCircleGrain>(id), user);
            case HelpRequestDesk.Refusal.Invalid: return Problems.Validation(errors);
        }
        var first = outcome.Filed[0];
        var location = $"/api/v1/circles/{id}/requests/{first.Id}";
        return outcome.SeriesId is { } seriesId
            ? Results.Created(location, new SeriesCreatedDto(seriesId, outcome.Filed.Select(v => new RequestCreatedDto(v.Id, v.Status.Code())).ToList()))
            : Results.Created(location, new RequestCreatedDto(first.Id, first.Status.Code()));
    }

    private static async Task<IResult> GetRequest(string circleId, string requestId, HttpContext http, IGrainFactory grains, AccessLog log)
    {
        var user = KringUser.Current(http);
        var id = Resolve(circleId, user);
        if (id is null) return Problems.NotFound("Deze kring bestaat niet.");
        var grain = grains.GetGrain<ICarerCircleGrain>(id);
        var circle = await grain.Get();
        if (circle is null) return await Missing(grain, user);
        if (!user.CanReadCircle(circle.Profile)) return Problems.Forbidden("U heeft geen toegang tot deze kring.");
        var request = await grain.GetRequest(requestId);
        if (request is null) return Problems.NotFound("Deze hulpvraag bestaat niet.");
        await log.Record(http, id, AccessKind.RequestViewed, request.Id);
        return Results.Ok(request.ToDto());
    }

    private static async Task<IResult> CancelRequest(string circleId, string requestId, HttpContext http, IGrainFactory grains, AccessLog log)
    {
        var user = KringUser.Current(http);
        var id = Resolve(circleId, user);
        if (id is null || !user.CanRequestFor(id)) return Problems.Forbidden("U kunt deze hulpvraag niet annuleren.");
        var grain = grains.GetGrain<ICarerCircleGrain>(id);
        if (await grain.IsErased()) return await Missing(grain, user);
        var request = await grain.CancelRequest(requestId, user.UserName);
        if (request is null) return Problems.NotFound("Deze hulpvraag bestaat niet.");
        await log.Record(http, id, AccessKind.RequestViewed, request.Id);
        return Results.Ok(request.ToDto());
    }

    /// <summary>"mine" stands for the carer's own circle.</summary>
    internal static string? Resolve(string circleId, KringUser user) =>
        string.Equals(circleId, "mine", StringComparison.OrdinalIgnoreCase) ? user.CircleId : circleId;


    private static IVolunteerGrain Volunteer(HttpContext http, IGrainFactory grains) =>
        grains.GetGrain<IVolunteerGrain>(KringUser.Current(http).VolunteerId!);

    private static UserDto ToDto(KringUser u) => new(u.UserName, u.DisplayName, u.Role.ToString(), u.VillageId, u.VolunteerId, u.CircleId);

    private static AvailabilityJson ToJson(AvailabilityDto a) => new(
        a.Weekly.Select(s => new WeeklySlotJson(Days.Code(s.Day), s.From.ToString("HH:mm"), s.To.ToString("HH:mm"))).ToList(),
        a.DaysOff.Select(d => d.ToString("yyyy-MM-dd")).ToList(),
        a.Paused);
}
