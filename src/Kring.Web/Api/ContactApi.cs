using Kring.Web.Input;
using Kring.Web.Privacy;
using Kring.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using static Kring.Web.Security.AuthSetup;

namespace Kring.Web.Api;

public sealed record ContactDetailsInput(
    string? Email, string? Mobile, bool? OffersByMail, bool? SharePhone, string? Language, string? QuietFrom = null,
        string? QuietUntil = null,
    bool? Reminders = null);

public sealed record ContactResponse(
    string? Email, string? Mobile, bool OffersByMail, bool SharePhone, string Language, string? QuietFrom, string? QuietUntil,
        bool Reminders);

/// <summary>How Kring reaches volunteers and carers by mail, and what they share once matched.</summary>
public static class ContactApi
{
    private const string Details = "Email address, mobile number, whether offers come by mail, whether the phone number is shared once " +
        "matched, the language, quiet hours (HH:mm) and reminders.";

    public static void MapKringContactApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/volunteers/me/contact").RequireAuthorization(Policies.Volunteer);
        me.MapGet("", async (HttpContext http, IGrainFactory grains) => TypedResults.Ok(ToJson((await Volunteer(http,
            grains).GetProfile())?.Contact)))
            .Doc("getVolunteerContact", ApiTags.Contact, "Read my contact details", "Returns the volunteer's contact details. " + Details);
        me.MapPut("", SetVolunteerContact).Doc("setVolunteerContact", ApiTags.Contact, "Set my contact details",
            "Replaces the volunteer's contact details and returns them. " + Details);

        var circle = api.MapGroup("/circles/{circleId}/contact").RequireAuthorization(Policies.Requester);
        circle.MapGet("", GetCircleContact).Doc("getCircleContact", ApiTags.Contact, "Read a circle's contact details",
            "Returns the carer's contact details. " + Details);
        circle.MapPut("", SetCircleContact).Doc("setCircleContact", ApiTags.Contact, "Set a circle's contact details",
            "Replaces the carer's contact details and returns them. " + Details);
    }

    private static async Task<Results<Ok<ContactResponse>, InvalidInputProblem>> SetVolunteerContact(
        ContactDetailsInput? body, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var contact = Parse(body, errors);
        if (contact is null) return Problems.Validation(errors);
        await Volunteer(http, grains).SetContact(contact);
        return TypedResults.Ok(ToJson(contact));
    }

    private static async Task<Results<Ok<ContactResponse>, ForbiddenProblem, MissingProblem>> GetCircleContact(
        string circleId, HttpContext http, IGrainFactory grains, AccessLog log)
    {
        var user = KringUser.From(http.User)!;
        var id = KringApi.Resolve(circleId, user);
        if (id is null || !user.CanRequestFor(id)) return Problems.Forbidden(NoAccess);
        var grain = grains.GetGrain<ICarerCircleGrain>(id);
        if (await grain.Get() is not { } view) return await PrivacyApi.Missing(grain);
        await log.Record(http, id, AccessKind.CircleViewed);
        return TypedResults.Ok(ToJson(view.Profile.Contact));
    }

    private static async Task<Results<Ok<ContactResponse>, ForbiddenProblem, MissingProblem, InvalidInputProblem>> SetCircleContact(
        string circleId, ContactDetailsInput? body, HttpContext http, IGrainFactory grains)
    {
        var user = KringUser.From(http.User)!;
        var id = KringApi.Resolve(circleId, user);
        if (id is null || !user.CanRequestFor(id)) return Problems.Forbidden(NoAccess);
        var grain = grains.GetGrain<ICarerCircleGrain>(id);
        if (await grain.Get() is null) return await PrivacyApi.Missing(grain);
        var errors = new FieldErrors();
        var contact = Parse(body, errors);
        if (contact is null) return Problems.Validation(errors);
        await grain.SetContact(contact);
        return TypedResults.Ok(ToJson(contact));
    }

    private const string NoAccess = "U heeft geen toegang tot deze kring.";

    private static ContactDetails? Parse(ContactDetailsInput? body, FieldErrors errors)
    {
        if (body is null) { errors.Add("body", "Stuur de contactgegevens mee."); return null; }
        return ContactInput.Parse(body.Email, body.Mobile, body.OffersByMail ?? true, body.SharePhone ?? false, body.Language, errors,
            body.QuietFrom, body.QuietUntil, body.Reminders ?? true);
    }

    private static IVolunteerGrain Volunteer(HttpContext http, IGrainFactory grains) =>
        grains.GetGrain<IVolunteerGrain>(KringUser.From(http.User)!.VolunteerId!);

    public static ContactResponse ToJson(ContactDetails? c) =>
        new(c?.Email, c?.Mobile, c?.OffersByMail ?? true, c?.SharePhone ?? false, c?.Language ?? "nl",
            c?.QuietFrom is { } from ? VolunteerApi.Clock(from) : null, c?.QuietUntil is { } until ? VolunteerApi.Clock(until) : null,
            c?.Reminders ?? true);
}
