using System.Globalization;
using Kring.Web.Input;
using Kring.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using static Kring.Web.Security.AuthSetup;

namespace Kring.Web.Api;

/// <summary>The signed-in volunteer's availability, offers and assignments.</summary>
public static class VolunteerApi
{
    private const string NoAssignment = "U heeft geen afspraak voor deze hulpvraag.";

    public static void MapKringVolunteerApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/volunteers/me").RequireAuthorization(Policies.Volunteer);
        me.MapGet("/availability", async (HttpContext http, IGrainFactory grains) =>
                TypedResults.Ok(ToJson(await Volunteer(http, grains).GetAvailability())))
            .Doc("getAvailability", ApiTags.Volunteers, "Read my availability",
                "Returns the volunteer's weekly time slots, days off and whether they paused.");
        me.MapPut("/availability", SetAvailability).Doc("setAvailability", ApiTags.Volunteers, "Set my availability",
            "Replaces the weekly time slots (day, from, to as HH:mm), the days off (yyyy-MM-dd) and the pause, and returns them.");
        me.MapGet("/offers", async (HttpContext http, IGrainFactory grains) =>
                TypedResults.Ok((await Volunteer(http, grains).GetOffers()).Select(o => o.ToDto())))
            .Doc("listOffers", ApiTags.Offers, "List my offers",
                "Returns the requests for help offered to the volunteer, with their status.");
        me.MapGet("/offers/live", OfferFeed.Stream).Doc("streamOffers", ApiTags.Offers, "Follow my pending offers",
            "A server-sent event stream of the ids of the pending offers: now, then whenever they change, and at least every 15 seconds.");
        me.MapGet("/assignments", async (HttpContext http, IGrainFactory grains) =>
                TypedResults.Ok((await Volunteer(http, grains).GetAssignments())
                .Select(a => new AssignmentResponse(a.RequestId, a.Kind.Code(), a.Village, a.Start, a.End))))
            .Doc("listAssignments", ApiTags.Volunteers, "List my assignments",
                "Returns the requests for help the volunteer was matched with.");
        // One of a carer's own people gives a booking back or reports it done the way a volunteer does.
        var booking = api.MapGroup("/volunteers/me/assignments/{requestId}").RequireAuthorization(Policies.Schedule);
        booking.MapPost("/withdraw", Withdraw).Doc("withdrawAssignment", ApiTags.Volunteers, "Withdraw from an assignment",
            "The volunteer (or a member of the circle's own people) can no longer come; the reason (at most 500 characters) goes " +
            "into the request's history and the request opens again.");
        booking.MapPost("/complete", Complete).Doc("completeAssignment", ApiTags.Volunteers, "Report an assignment done",
            "After the end, the volunteer (or a member of the circle's own people) reports the hours spent, or that it did not " +
            "happen and why.");

        var offers = api.MapGroup("/offers/{offerId}").RequireAuthorization(Policies.Volunteer);
        offers.MapPost("/accept", (string offerId, HttpContext http, IGrainFactory grains) =>
                Answer(offerId, Volunteer(http, grains).Accept(offerId), OfferReply.Accepted, OfferReply.AlreadyAccepted))
            .Doc("acceptOffer", ApiTags.Offers, "Accept an offer",
                "Accepts an offered request for help. Accepting twice is fine; a 409 says why it could not be accepted.");
        offers.MapPost("/decline", (string offerId, HttpContext http, IGrainFactory grains) =>
                Answer(offerId, Volunteer(http, grains).Decline(offerId), OfferReply.Declined, OfferReply.AlreadyDeclined))
            .Doc("declineOffer", ApiTags.Offers, "Decline an offer",
                "Declines an offered request for help. Declining twice is fine; a 409 says why it could not be declined.");
    }

    private static async Task<Results<Ok<AvailabilityResponse>, InvalidInputProblem>> SetAvailability(
        WeeklyAvailabilityInput? body, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (body is null) { errors.Add("body", "Stuur een beschikbaarheid mee."); return Problems.Validation(errors); }
        var slots = (body.Weekly ?? []).Select(s => (s?.Day, s?.From, s?.To)).ToList();
        var availability = AvailabilityInput.Parse(slots, body.DaysOff, body.Paused ?? false, errors);
        if (availability is null) return Problems.Validation(errors);
        var volunteer = Volunteer(http, grains);
        await volunteer.SetAvailability(availability);
        return TypedResults.Ok(ToJson(await volunteer.GetAvailability()));
    }

    private static async Task<Results<Ok<OfferResultResponse>, InvalidInputProblem, NotFoundProblem, ConflictProblem>> Withdraw(
        string requestId, WithdrawInput? body, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body?.Reason)) errors.Add("reason", "Geef een reden op; de coördinator ziet die in de geschiedenis.");
        else if (body.Reason.Length > 500) errors.Add("reason", "De reden is te lang (hooguit 500 tekens).");
        if (errors.Any) return Problems.Validation(errors);
        var reply = await Volunteer(http, grains).WithdrawAssignment(requestId, body!.Reason!.Trim());
        return reply switch
        {
            OfferReply.Unassigned => TypedResults.Ok(new OfferResultResponse(requestId, "withdrawn")),
            OfferReply.NotFound => Problems.NotFound(NoAssignment),
            _ => Problems.Conflict(Problems.Explain(reply), reply.Code()),
        };
    }

    private static async Task<Results<Ok<OfferResultResponse>, InvalidInputProblem, NotFoundProblem, ConflictProblem>> Complete(
        string requestId, CompleteInput? body, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var report = BookingInput.Completion(body?.Hours, body?.Happened ?? true, body?.Reason, errors);
        if (report is null) return Problems.Validation(errors);
        var reply = await Volunteer(http, grains).CompleteAssignment(requestId, report.Value.Hours, report.Value.Happened,
            report.Value.Reason);
        return reply switch
        {
            OfferReply.Completed => TypedResults.Ok(new OfferResultResponse(requestId, "completed")),
            OfferReply.NotFound => Problems.NotFound(NoAssignment),
            _ => Problems.Conflict(Problems.Explain(reply), reply.Code()),
        };
    }

    /// <summary>Doing the same thing twice is fine (200); anything else that did not happen is a 409 that says why.</summary>
    private static async Task<Results<Ok<OfferResultResponse>, NotFoundProblem, ConflictProblem>> Answer(
        string offerId, Task<OfferReply> call, OfferReply done, OfferReply doneBefore)
    {
        var reply = await call;
        if (reply == done || reply == doneBefore) return TypedResults.Ok(new OfferResultResponse(offerId, reply.Code()));
        return reply == OfferReply.NotFound ? Problems.NotFound(Problems.Explain(reply)) : Problems.Conflict(Problems.Explain(reply),
            reply.Code());
    }

    private static IVolunteerGrain Volunteer(HttpContext http, IGrainFactory grains) =>
        grains.GetGrain<IVolunteerGrain>(KringUser.Current(http).VolunteerId!);

    /// <summary>Times and dates in the API's machine format, whatever the server's culture.</summary>
    public static AvailabilityResponse ToJson(AvailabilityDto a) => new(
        a.Weekly.Select(s => new WeeklySlotResponse(Days.Code(s.Day), Clock(s.From), Clock(s.To))).ToList(),
        a.DaysOff.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
        a.Paused);

    public static string Clock(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
