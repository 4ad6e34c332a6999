using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kring.Web.Api;

/// <summary>A partner's details as the municipality's staff change them; every field is replaced, so send them all.</summary>
public sealed record PartnerInput(
    string? Description, IReadOnlyList<string>? Services, string? Address, string? OpeningHours, string? Phone, string? Website,
    IReadOnlyList<string>? Villages);

/// <summary>The sociale kaart: the partners, searchable by village and service, and the staff keeping their details up to date.</summary>
public static class PartnerApi
{
    public static void MapKringPartnerApi(this RouteGroupBuilder api)
    {
        api.MapGet("/partners", Partners).AllowAnonymous().Doc("listPartners", ApiTags.Partners, "List the partners",
            "Returns every partner organisation (the sociale kaart) with the services it offers, the villages it works in (none: the " +
            "whole municipality), address, opening hours, phone and website. village=elsloo keeps those working there, and " +
            "service=dayCare those offering that service (buddy, respite, dayCare, shortStay, informationAndAdvice); an unknown " +
            "village or service is a 400.");
        api.MapPut("/partners/{partnerId}", Save).RequireAuthorization().Doc("updatePartner", ApiTags.Partners,
            "Update a partner's details",
            "The consultant or the operator of the partner's municipality replaces its description (at most 1000 characters), " +
            "services (at least one), address (at most 200), opening hours (at most 300), phone (digits, spaces, + and -), website " +
            "(an absolute https or http address) and villages (of the partner's municipality; none for all of them). Fields left " +
            "out are emptied. The sociale kaart shows the change at once; who changed it is kept.");
    }

    private static async Task<Results<Ok<IEnumerable<PartnerResponse>>, InvalidInputProblem>> Partners(
        string? village, string? service, IGrainFactory grains)
    {
        var directory = grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default);
        var errors = new FieldErrors();
        VillageInfo? place = null;
        if (!string.IsNullOrWhiteSpace(village))
        {
            var id = village.Trim().ToLowerInvariant();
            place = (await directory.GetVillages()).FirstOrDefault(v => v.Id == id);
            if (place is null) errors.Add("village", "Dit dorp bestaat niet.");
        }
        PartnerService? wanted = null;
        if (!string.IsNullOrWhiteSpace(service))
        {
            if (PartnerDesk.TryService(service, out var known)) wanted = known;
            else errors.Add("service", "Kies buddy, respite, dayCare, shortStay of informationAndAdvice.");
        }
        if (errors.Any) return Problems.Validation(errors);
        var partners = (await directory.GetPartners())
            .Where(p => (place is null || PartnerDesk.Serves(p, place)) && (wanted is null || p.Services.Contains(wanted.Value)));
        return TypedResults.Ok(partners.Select(ToDto));
    }

    private static async Task<Results<Ok<PartnerResponse>, InvalidInputProblem, ForbiddenProblem, NotFoundProblem>> Save(
        string partnerId, PartnerInput? body, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var form = new PartnerDesk.Form(body?.Description, body?.Services, body?.Address, body?.OpeningHours, body?.Phone, body?.Website,
            body?.Villages);
        var (refusal, saved) = await PartnerDesk.Save(grains, KringUser.Current(http), partnerId, form, errors);
        return refusal switch
        {
            PartnerDesk.Refusal.NotAllowed => Problems.Forbidden(PartnerDesk.NotStaff),
            PartnerDesk.Refusal.NoSuchPartner => Problems.NotFound("Deze organisatie staat niet op de sociale kaart."),
            PartnerDesk.Refusal.Invalid => Problems.Validation(errors),
            _ => TypedResults.Ok(ToDto(saved!)),
        };
    }

    public static PartnerResponse ToDto(PartnerInfo p) =>
        new(p.Id, p.Name, p.Description, p.Services.Select(s => s.Code()).ToList(), p.Villages, p.Address, p.OpeningHours, p.Phone,
            p.Website, p.UpdatedAt);
}
