using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kring.Web.Api;

/// <summary>The village contact person keeps the village's initiatives and good examples (*pareltjes*) up to date.</summary>
public static class InitiativeApi
{
    public static void MapKringInitiativeApi(this RouteGroupBuilder api)
    {
        var village = api.MapGroup("/villages/{villageId}/initiatives").RequireAuthorization(AuthSetup.Policies.Villages);
        village.MapPost("", Save).Doc("saveInitiative", ApiTags.Villages, "Add or update an initiative",
            "The village's contact person (or the consultant) adds an initiative, or updates the one of the same name, the seed's " +
            "too: a name (at most 80 characters), a description (at most 500) and goodExample for a pareltje. GET /villages lists " +
            "them, for everyone, partners rating the network included.");
        village.MapDelete("/{name}", Remove).Doc("removeInitiative", ApiTags.Villages, "Remove an initiative",
            "Removes an initiative the contact person added or updated; a seed's initiative of that name comes back as the seed has it.");
    }

    private static async Task<Results<Ok<InitiativeResponse>, ForbiddenProblem, NotFoundProblem, InvalidInputProblem>> Save(
        string villageId, InitiativeInput? body, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var (refusal, saved) = await InitiativeDesk.Save(grains, KringUser.Current(http), villageId, body?.Name, body?.Description,
            body?.GoodExample == true, errors);
        return refusal switch
        {
            InitiativeDesk.Refusal.NotAllowed => Problems.Forbidden("U kunt de initiatieven van dit dorp niet bijwerken."),
            InitiativeDesk.Refusal.NoSuchVillage => Problems.NotFound($"Dorp '{villageId}' bestaat niet."),
            InitiativeDesk.Refusal.Invalid => Problems.Validation(errors),
            _ => TypedResults.Ok(ToDto(saved!)),
        };
    }

    private static async Task<Results<NoContent, ForbiddenProblem, NotFoundProblem>> Remove(
        string villageId, string name, HttpContext http, IGrainFactory grains) =>
        await InitiativeDesk.Remove(grains, KringUser.Current(http), villageId, name) switch
        {
            InitiativeDesk.Refusal.NotAllowed => Problems.Forbidden("U kunt de initiatieven van dit dorp niet bijwerken."),
            InitiativeDesk.Refusal.NotFound => Problems.NotFound("Dit dorp heeft geen eigen initiatief met die naam."),
            _ => TypedResults.NoContent(),
        };

    public static InitiativeResponse ToDto(Initiative i) => new(i.Name, i.Description, i.GoodExample, i.UpdatedAt);
}
