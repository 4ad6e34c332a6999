using Kring.Web.Input;
using Kring.Web.Privacy;
using Kring.Web.Security;
using static Kring.Web.Security.AuthSetup;

namespace Kring.Web.Api;

public sealed record ContactJson(
    string? Email, string? Mobile, bool? OffersByMail, bool? SharePhone, string? Language, string? QuietFrom = null, string? QuietUntil = null,
    bool? Reminders = null);

/// <summary>How Kring reaches volunteers and carers by mail, and what they share once matched.</summary>
public static class ContactApi
{
    public static void MapKringContactApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/volunteers/me/contact").RequireAuthorization(Policies.Volunteer);
        me.MapGet("", async (HttpContext http, IGrainFactory grains) =>
            Results.Ok(ToJson((await Volunteer(http, grains).GetProfile())?.Contact)));
        me.MapPut("", async (ContactJson? body, HttpContext http, IGrainFactory grains) =>
        {
            var errors = new FieldErrors();
            var contact = Parse(body, errors);
            if (contact is null) return Problems.Validation(errors);
            await Volunteer(http, grains).SetContact(contact);
            return Results.Ok(ToJson(contact));
        });

        var circle = api.MapGroup("/circles/{circleId}/contact").RequireAuthorization(Policies.Requester);
        circle.MapGet("", async (string circleId, HttpContext http, IGrainFactory grains, AccessLog log) =>
        {
            var (id, refusal) = await Circle(circleId, http, grains);
            if (refusal is not null) return refusal;
            await log.Record(http, id!, AccessKind.CircleViewed);
            return Results.Ok(ToJson((await grains.GetGrain<ICarerCircleGrain>(id!).Get())!.Profile.Contact));
        });
        circle.MapPut("", async (string circleId, ContactJson? body, HttpContext http, IGrainFactory grains) =>
        {
            var (id, refusal) = await Circle(circleId, http, grains);
            if (refusal is not null) return refusal;
            var errors = new FieldErrors();
            var contact = Parse(body, errors);
            if (contact is null) return Problems.Validation(errors);
            await grains.GetGrain<ICarerCircleGrain>(id!).SetContact(contact);
            return Results.Ok(ToJson(contact));
        });
    }

    private static ContactDetails? Parse(ContactJson? body, FieldErrors errors)
    {
        if (body is null) { errors.Add("body", "Stuur de contactgegevens mee."); return null; }
        return ContactInput.Parse(body.Email, body.Mobile, body.OffersByMail ?? true, body.SharePhone ?? false, body.Language, errors,
            body.QuietFrom, body.QuietUntil, body.Reminders ?? true);
    }

    private static async Task<(string? Id, IResult? Refusal)> Circle(string circleId, HttpContext http, IGrainFactory grains)
    {
        var user = KringUser.From(http.User)!;
        var id = KringApi.Resolve(circleId, user);
        if (id is null || !user.CanRequestFor(id)) return (null, Problems.Forbidden("U heeft geen toegang tot deze kring."));
        var grain = grains.GetGrain<ICarerCircleGrain>(id);
        return await grain.Get() is null ? (null, await PrivacyApi.Missing(grain)) : (id, null);
    }

    private static IVolunteerGrain Volunteer(HttpContext http, IGrainFactory grains) =>
        grains.GetGrain<IVolunteerGrain>(KringUser.From(http.User)!.VolunteerId!);

    public static ContactJson ToJson(ContactDetails? c) =>
        new(c?.Email, c?.Mobile, c?.OffersByMail ?? true, c?.SharePhone ?? false, c?.Language ?? "nl",
            c?.QuietFrom?.ToString("HH:mm"), c?.QuietUntil?.ToString("HH:mm"), c?.Reminders ?? true);
}
