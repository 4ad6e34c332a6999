using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using static Kring.Web.Security.AuthSetup;

namespace Kring.Web.Api;

/// <summary>The <c>/api/v1</c> routes: the session and villages here, the other areas in their own <c>Map…Api</c>.</summary>
public static class KringApi
{
    public static void MapKringApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").AddEndpointFilter<Resilience.ResilientEndpointFilter>()
            .AddEndpointFilter<Security.CircleScopeFilter>().WithCommonProblems();

        api.MapPost("/session", SignIn).AllowAnonymous().Doc("signIn", ApiTags.Session, "Sign in",
            "Signs in with a user name and password. The answer holds a bearer token for the Authorization header; the session " +
            "cookie is set as well. After too many failed attempts for a user name the answer is a 429 with Retry-After.");
        // As a Delegate: a method of only HttpContext returning a Task would otherwise bind as a RequestDelegate, without metadata.
        api.MapDelete("/session", (Delegate)SignOut).Doc("signOut", ApiTags.Session, "Sign out",
            "Ends the cookie session of this browser.");
        api.MapGet("/me", (HttpContext http) => TypedResults.Ok(ToDto(KringUser.Current(http)))).RequireAuthorization()
            .Doc("getMe", ApiTags.Session, "The signed-in user",
                "Returns who is signed in: the role and the village, volunteer or circle it is tied to.");
        api.MapKringAccountApi();
        api.MapKringPasswordResetApi();
        api.MapKringVolunteerApplicationApi();
        api.MapKringIntakeApi();
        api.MapKringSecurityApi();
        api.MapKringMunicipalityApi();

        api.MapGet("/villages", Villages).AllowAnonymous()
            .Doc("listVillages", ApiTags.Villages, "List the villages",
                "Returns every village with its place, contact person and initiatives; ?municipality=ede only that municipality's.");
        api.MapGet("/villages/{villageId}/overview", VillageOverview).RequireAuthorization(Policies.Villages).Doc("getVillageOverview",
            ApiTags.Villages, "A village's key figures",
                "Returns how many carers, young carers and volunteers a village has, and its open requests.");

        api.MapKringVolunteerApi();
        api.MapKringCircleApi();
        api.MapKringOwnCircleApi();
        api.MapKringContactLogApi();
        api.MapKringProfessionalApi();
        api.MapKringInitiativeApi();
        api.MapKringPartnerApi();
        Coordination.Map(api);
        BalanceApi.Map(api);
        api.MapKringContactApi();
        api.MapKringMailApi();
        // A group of their own, outside the resilience pipeline's timeout (see ImportApi).
        app.MapKringImportApi();
    }

    private static async Task<Results<Ok<SessionResponse>, UnauthorizedProblem, TooManyAttemptsProblem>> SignIn(
        SessionInput? body, HttpContext http, Accounts accounts)
    {
        var (account, retryAfter, expired) = await accounts.SignIn(http, body?.Username, body?.Password);
        if (retryAfter is { } wait) return Problems.TooManyAttempts(http, wait);
        if (account is null)
        {
            return new UnauthorizedProblem("Inloggen mislukt.", expired ? ExpiredCode : "Onbekende gebruikersnaam of onjuist wachtwoord.");
        }
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            KringUser.ToPrincipal(account, CookieAuthenticationDefaults.AuthenticationScheme));
        return TypedResults.Ok(Session(http, account));
    }

    private static async Task<NoContent> SignOut(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    public const string ExpiredCode = "Deze activeringscode is verlopen; vraag een nieuwe aan bij wie uw account heeft aangemaakt.";

    /// <summary>A new bearer token for the account; <c>mustChoosePassword</c> says it only serves to choose the password.</summary>
    public static SessionResponse Session(HttpContext http, AccountRecord account)
    {
        var (token, expiresAt) = IssueToken(http, account);
        var user = ToDto(KringUser.From(KringUser.ToPrincipal(account, "token"))!);
        return new SessionResponse(token, "Bearer", expiresAt, user, account.ActivationExpiresAt is not null);
    }

    private static async Task<Ok<IEnumerable<VillageResponse>>> Villages(string? municipality, IGrainFactory grains)
    {
        var villages = (await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages())
            .Where(v => string.IsNullOrEmpty(municipality) || v.Region == municipality);
        return TypedResults.Ok(villages.Select(v => new VillageResponse(v.Id, v.Name, v.Region, v.Lat, v.Lon, v.ContactName,
            v.Initiatives.Select(InitiativeApi.ToDto).ToList())));
    }

    private static async Task<Results<Ok<OverviewResponse>, ForbiddenProblem, NotFoundProblem>> VillageOverview(
        string villageId, HttpContext http, IGrainFactory grains)
    {
        if (!KringUser.Current(http).CanSeeVillage(villageId)) return Problems.Forbidden("U heeft geen toegang tot dit dorp.");
        var village = grains.GetGrain<IVillageGrain>(villageId);
        if (await village.GetInfo() is null) return Problems.NotFound($"Dorp '{villageId}' bestaat niet.");
        var o = await village.GetOverview();
        var counts = new RequestCountsResponse(o.Open, o.Offered, o.Matched);
        return TypedResults.Ok(new OverviewResponse(o.VillageId, o.Name, o.Carers, o.YoungCarers, o.Volunteers, counts));
    }

    /// <summary>"mine" stands for the carer's own circle.</summary>
    internal static string? Resolve(string circleId, KringUser user) =>
        string.Equals(circleId, "mine", StringComparison.OrdinalIgnoreCase) ? user.CircleId : circleId;

    private static UserResponse ToDto(KringUser u) => new(u.UserName, u.DisplayName, u.Role.ToString(), u.VillageId, u.VolunteerId,
        u.CircleId);
}
