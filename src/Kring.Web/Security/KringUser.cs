using System.Security.Claims;

namespace Kring.Web.Security;

/// <summary>The signed-in user as the server sees them: role and the one village, volunteer or circle they act for.</summary>
public sealed record KringUser(
    string UserName, string DisplayName, Role Role, string? VillageId, string? VolunteerId, string? CircleId, string? PartnerId,
    string? MunicipalityId = null)
{
    /// <summary>The villages of <see cref="MunicipalityId"/> (<see cref="TenantScope"/>); null reaches every village.</summary>
    public IReadOnlySet<string>? Scope { get; init; }

    public const string VillageClaim = "kring:village";
    public const string VolunteerClaim = "kring:volunteer";
    public const string CircleClaim = "kring:circle";
    public const string PartnerClaim = "kring:partner";
    public const string MunicipalityClaim = "kring:municipality";
    /// <summary>The villages of the user's municipality, comma-separated; absent for a user without one.</summary>
    public const string ScopeClaim = "kring:scope";
    public const string DisplayNameClaim = "kring:display";
    /// <summary>The account's security stamp when the cookie or token was issued; a changed stamp ends the session.</summary>
    public const string StampClaim = "kring:stamp";
    /// <summary>
    /// The session comes from a one-time activation code: it may only choose the account's password (<see
    /// cref="ActivationGate"/>).
    /// </summary>
    public const string ActivationClaim = "kring:activation";

    /// <summary>The signed-in user of a request that requires one (the endpoint's policy has made sure).</summary>
    public static KringUser Current(HttpContext http) =>
        From(http.User) ?? throw new InvalidOperationException("The endpoint requires a signed-in user.");

    public static KringUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        if (!Enum.TryParse<Role>(principal.FindFirstValue(ClaimTypes.Role), out var role)) return null;
        return new KringUser(
            principal.FindFirstValue(ClaimTypes.Name) ?? "",
            principal.FindFirstValue(DisplayNameClaim) ?? "",
            role,
            principal.FindFirstValue(VillageClaim),
            principal.FindFirstValue(VolunteerClaim),
            principal.FindFirstValue(CircleClaim),
            principal.FindFirstValue(PartnerClaim),
            principal.FindFirstValue(MunicipalityClaim))
        {
            Scope = principal.FindFirstValue(ScopeClaim) is { } scope
                ? scope.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)
                : null,
        };
    }

    public static ClaimsPrincipal ToPrincipal(AccountRecord account, string scheme, IReadOnlyCollection<string>? scope = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, account.UserName),
            new(DisplayNameClaim, account.DisplayName),
            new(ClaimTypes.Role, account.Role.ToString()),
        };
        if (account.VillageId is { } village) claims.Add(new(VillageClaim, village));
        if (account.VolunteerId is { } volunteer) claims.Add(new(VolunteerClaim, volunteer));
        if (account.CircleId is { } circle) claims.Add(new(CircleClaim, circle));
        if (account.PartnerId is { } partner) claims.Add(new(PartnerClaim, partner));
        if (account.MunicipalityId is { } municipality)
        {
            claims.Add(new(MunicipalityClaim, municipality));
            claims.Add(new(ScopeClaim, string.Join(',', scope ?? [])));
        }
        if (account.SecurityStamp is { } stamp) claims.Add(new(StampClaim, stamp));
        if (account.ActivationExpiresAt is { } expires) claims.Add(new(ActivationClaim, expires.ToString("o")));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>Does this user's work reach into the municipality? Staff of one municipality only their own; the rest all.</summary>
    public bool WorksIn(string municipalityId) => MunicipalityId is null || MunicipalityId == municipalityId;

    /// <summary>Does the village lie within this user's municipality (always, for a user without one)?</summary>
    public bool InScope(string villageId) => Scope is null || Scope.Contains(villageId);

    public static bool MustChoosePassword(ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == ActivationClaim);

    /// <summary>May this user read the circle's personal data?</summary>
    public bool CanReadCircle(CircleProfile circle) => Role switch
    {
        Role.CarerConsultant => InScope(circle.Village),
        Role.Carer => CircleId == circle.Id,
        Role.VillageContact => VillageId == circle.Village,
        _ => false,
    };

    /// <summary>May this user log and read contacts with the carer? The consultant, and the village's contact person.</summary>
    public bool CanLogContact(CircleProfile circle) => Role switch
    {
        Role.CarerConsultant => InScope(circle.Village),
        Role.VillageContact => VillageId == circle.Village,
        _ => false,
    };

    /// <summary>As <see cref="CanLogContact(CircleProfile)"/>, and the village's key figures for a carer who agreed.</summary>
    public bool CanLogContact(CircleView circle) =>
        Role == Role.KeyFigure
            ? VillageId == circle.Profile.Village && circle.VisibleToKeyFigures
            : CanLogContact(circle.Profile);

    /// <summary>May this user see the circle's own people and its calendar? Its carer, the consultant, and its own people.</summary>
    public bool CanSeeOwnCircle(string circleId) => Role switch
    {
        Role.CarerConsultant => true,
        Role.Carer or Role.CircleMember => CircleId == circleId,
        _ => false,
    };

    /// <summary>May this user ask for help on the circle's behalf?</summary>
    public bool CanRequestFor(string circleId) => Role switch
    {
        Role.CarerConsultant => true,
        Role.Carer => CircleId == circleId,
        _ => false,
    };

    /// <summary>
    /// May this user read who saw the circle's data? The carer (their own), the consultant, and the operator, who keeps
    /// the system accountable; the log names staff and actions, not the carer's data.
    /// </summary>
    public bool CanReadAccessLog(string circleId) => Role switch
    {
        Role.CarerConsultant or Role.Operator => true,
        Role.Carer => CircleId == circleId,
        _ => false,
    };

    /// <summary>May this user download everything Kring holds about the circle?</summary>
    public bool CanExport(string circleId) => CanRequestFor(circleId);

    public bool CanSeeVillage(string villageId) => Role switch
    {
        Role.CarerConsultant or Role.Operator => InScope(villageId),
        Role.VillageContact or Role.KeyFigure => VillageId == villageId,
        _ => false,
    };
}
