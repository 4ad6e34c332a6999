using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kring.Web.Security;

public static class AuthSetup
{
    public const string Smart = "kring";
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(8);

    public static class Policies
    {
        public const string Operator = "operator";
        public const string Volunteer = "volunteer";
        public const string Requester = "requester";
        /// <summary>
        /// Who may ask for help for a circle: the requesters, a professional the carer consented to, and the village contact
        /// person for a carer of their village who agreed.
        /// </summary>
        public const string Filer = "filer";
        public const string Villages = "villages";
        public const string Coordinator = "coordinator";
        public const string Member = "member";
        /// <summary>Anyone with a schedule: a volunteer, or one of a circle's own people.</summary>
        public const string Schedule = "schedule";
    }

    public static IServiceCollection AddKringAuth(this IServiceCollection services)
    {
        services.AddAuthentication(Smart)
            .AddPolicyScheme(Smart, "Cookie or bearer token", options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? BearerTokenDefaults.AuthenticationScheme
                        : CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.LoginPath = "/Inloggen";
                options.LogoutPath = "/Uitloggen";
                options.AccessDeniedPath = "/Geweigerd";
                options.Cookie.Name = "kring";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                // Always Secure outside Development: the cookie policy in WebSecurity sees to that for every cookie.
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TokenLifetime;
                options.SlidingExpiration = true;
                options.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
                options.Events.OnValidatePrincipal = SessionStamps.ValidateCookie;
                options.Events.OnSigningOut = SessionStamps.RevokeOnSignOut;
            })
            .AddBearerToken(options =>
            {
                options.BearerTokenExpiration = TokenLifetime;
                options.Events.OnMessageReceived = SessionStamps.ValidateBearer;
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Operator, p => p.RequireRole(nameof(Role.Operator)))
            .AddPolicy(Policies.Volunteer, p => p.RequireRole(nameof(Role.Volunteer)).RequireClaim(KringUser.VolunteerClaim))
            .AddPolicy(Policies.Requester, p => p.RequireRole(nameof(Role.Carer), nameof(Role.CarerConsultant)))
            .AddPolicy(Policies.Filer, p => p.RequireRole(
                nameof(Role.Carer), nameof(Role.CarerConsultant), nameof(Role.Professional), nameof(Role.VillageContact)))
            .AddPolicy(Policies.Coordinator, p => p.RequireRole(nameof(Role.Coordinator)).RequireClaim(KringUser.PartnerClaim))
            .AddPolicy(Policies.Schedule, p => p.RequireRole(nameof(Role.Volunteer), nameof(Role.CircleMember))
                .RequireClaim(KringUser.VolunteerClaim))
            .AddPolicy(Policies.Member, p => p.RequireRole(nameof(Role.CircleMember)).RequireClaim(KringUser.CircleClaim)
                .RequireClaim(KringUser.VolunteerClaim))
            .AddPolicy(
                Policies.Villages, p => p.RequireRole(
                    nameof(Role.VillageContact), nameof(Role.KeyFigure), nameof(Role.CarerConsultant), nameof(Role.Operator)));
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<Accounts>();
        services.AddSingleton<SecurityLog>();
        services.AddMemoryCache();
        services.AddSingleton<SessionStamps>();
        services.AddSingleton<TenantScope>();
        services.AddSingleton<CircleScopeFilter>();
        return services;
    }

    /// <summary>Makes a bearer token for the account, readable by the bearer scheme until it expires.</summary>
    public static (string Token, DateTimeOffset ExpiresAt) IssueToken(HttpContext context, AccountRecord account)
    {
        var options =
            context.RequestServices.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(BearerTokenDefaults.AuthenticationScheme);
        var expiresAt = TimeProvider.System.GetUtcNow() + TokenLifetime;
        var properties = new AuthenticationProperties { IssuedUtc = TimeProvider.System.GetUtcNow(), ExpiresUtc = expiresAt };
        var ticket = new AuthenticationTicket(
            KringUser.ToPrincipal(account, BearerTokenDefaults.AuthenticationScheme), properties, BearerTokenDefaults.AuthenticationScheme);
        return (options.BearerTokenProtector.Protect(ticket), expiresAt);
    }

    private static Task ApiAware<T>(RedirectContext<T> context, int status) where T : AuthenticationSchemeOptions
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || (path.StartsWithSegments("/dashboard", out var rest) && rest.HasValue && rest != "/"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
