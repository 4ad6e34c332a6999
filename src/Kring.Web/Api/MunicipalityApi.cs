using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kring.Web.Api;

public sealed record MunicipalityResponse(string Id, string Name, IReadOnlyList<string> Villages);
public sealed record CircleSummaryResponse(string Id, string Village, string CarerName, string CareRecipientName);
public sealed record CircleListResponse(int Total, int Page, int PageSize, IReadOnlyList<CircleSummaryResponse> Circles);

/// <summary>The municipalities (tenants), and the consultant's search for circles within their own.</summary>
public static class MunicipalityApi
{
    public const int PageSize = 50;

    public static void MapKringMunicipalityApi(this RouteGroupBuilder api)
    {
        api.MapGet("/municipalities", Municipalities).AllowAnonymous().Doc("listMunicipalities", ApiTags.Villages,
            "List the municipalities", "Returns every municipality on this Kring, with the ids of its villages.");
        api.MapGet("/circles", Search).RequireAuthorization(p => p.RequireRole(nameof(Role.CarerConsultant)))
            .Doc("searchCircles", ApiTags.Circles, "Search the circles of a village",
                "The consultant's search: the circles of one village of their own municipality, by the carer's or cared-for's " +
                "name, the address or the circle's id, 50 a page. Every circle listed is recorded in its access log.");
    }

    private static async Task<Ok<List<MunicipalityResponse>>> Municipalities(IGrainFactory grains)
    {
        var directory = grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default);
        var villages = await directory.GetVillages();
        return TypedResults.Ok((await directory.GetMunicipalities()).Select(m => new MunicipalityResponse(m.Id, m.Name,
            villages.Where(v => v.Region == m.Id).Select(v => v.Id).Order(StringComparer.Ordinal).ToList())).ToList());
    }

    private static async Task<Results<Ok<CircleListResponse>, InvalidInputProblem, NotFoundProblem>> Search(
        string? village, string? search, int? page, HttpContext http, CircleSearch circles)
    {
        if (string.IsNullOrWhiteSpace(village))
        {
            return Problems.Validation(Input.FieldErrors.One("village", "Kies het dorp waarin u zoekt."));
        }
        var user = KringUser.Current(http);
        // A village of another municipality answers as one that does not exist.
        if (!(await circles.Villages(user)).Any(v => v.Id == village)) return Problems.NotFound($"Dorp '{village}' bestaat niet.");
        var (found, total, shown) = await circles.Page(http, village, search, page ?? 1, PageSize);
        return TypedResults.Ok(new CircleListResponse(total, shown, PageSize,
            found.Select(c => new CircleSummaryResponse(c.Id, c.Village, c.CarerName, c.CareRecipientName)).ToList()));
    }
}
