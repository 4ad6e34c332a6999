using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;

namespace Kring.Web.Security;

/// <summary>
/// Ends sessions on the server and keeps them in step with the account. Every cookie and bearer token carries the
/// account's security stamp from the moment it was issued; a signed-in request is only accepted while that stamp is
/// still the account's stamp. Signing out, a password change or <c>DELETE /api/v1/session</c> gives the account a new
/// stamp, which ends every earlier session. The role and what the user acts for (village, partner, circle, volunteer)
/// are not taken from the cookie or token but from the account as it is now, so a changed account takes effect in
/// every open session. The account is read from its grain at most once per request and kept for <see cref="CacheFor"/>
/// on this web node; a change made here is seen here at once, on other web nodes within that time.
/// </summary>
public sealed class SessionStamps(IGrainFactory grains, IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    /// <summary>The account as cached, without its password hash; null when there is none.</summary>
    private sealed record Known(AccountRecord? Account);

    /// <summary>True when the principal's account still exists and its stamp is the one the principal carries.</summary>
    public async ValueTask<bool> IsCurrent(ClaimsPrincipal principal) => await Current(principal) is not null;

    /// <summary>
    /// The principal's account as it is now, or null when it is gone or no longer has the stamp the principal carries.
    /// </summary>
    public async ValueTask<AccountRecord?> Current(ClaimsPrincipal principal)
    {
        var userName = principal.FindFirstValue(ClaimTypes.Name);
        if (string.IsNullOrEmpty(userName)) return null;
        var key = CacheKey(userName);
        if (!cache.TryGetValue(key, out Known? known) || known is null)
        {
            var account = await grains.GetGrain<IAccountGrain>(userName).Get();
            known = new Known(account is null ? null : account with { PasswordHash = "" });
            cache.Set(key, known, CacheFor);
        }
        // Accounts stored before stamps existed have none; "" then stands for it until the first revocation.
        return known.Account is { } current
            && string.Equals(principal.FindFirstValue(KringUser.StampClaim) ?? "", current.SecurityStamp ?? "", StringComparison.Ordinal)
            ? current : null;
    }

    /// <summary>Gives the account a new stamp: every cookie and token issued before stops working.</summary>
    public async Task Revoke(string userName)
    {
        var stamp = await grains.GetGrain<IAccountGrain>(userName).RevokeSessions();
        Remember(userName, stamp);
    }

    /// <summary>
    /// Records an account this node just changed (<paramref name="stamp"/> is its new stamp, null when it is gone), so its
    /// own cache never lets an ended session through: the next request reads the account again.
    /// </summary>
    public void Remember(string userName, string? stamp)
    {
        if (stamp is null) cache.Set(CacheKey(userName), new Known(null), CacheFor);
        else cache.Remove(CacheKey(userName));
    }

    private static string CacheKey(string userName) => "kring:stamp:" + userName;

    /// <summary>
    /// Cookie check on every request: a cookie with an old stamp is refused and removed; otherwise the request acts as the
    /// account is now.
    /// </summary>
    public static async Task ValidateCookie(CookieValidatePrincipalContext context)
    {
        var stamps = context.HttpContext.RequestServices.GetRequiredService<SessionStamps>();
        if (context.Principal is not null && await stamps.Current(context.Principal) is { } account)
        {
            var scope = await context.HttpContext.RequestServices.GetRequiredService<TenantScope>().VillagesOf(account.MunicipalityId);
            context.ReplacePrincipal(KringUser.ToPrincipal(account, CookieAuthenticationDefaults.AuthenticationScheme, scope));
            return;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Signing out ends every session of the account, not only this browser's cookie.</summary>
    public static async Task RevokeOnSignOut(CookieSigningOutContext context)
    {
        // The user is only set once authentication succeeded, so refusing a stale cookie (above) revokes nothing.
        if (KringUser.From(context.HttpContext.User) is not { } user) return;
        var stamps = context.HttpContext.RequestServices.GetRequiredService<SessionStamps>();
        if (await stamps.IsCurrent(context.HttpContext.User)) await stamps.Revoke(user.UserName);
    }

    /// <summary>
    /// Bearer check, before the handler accepts the token: a token whose stamp is no longer current fails, so the
    /// request is anonymous (401 on any route that needs a user); a current one acts as the account is now. Tokens that
    /// are unreadable or expired are left to the handler, which refuses them without asking the cluster.
    /// </summary>
    public static async Task ValidateBearer(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return;
        var token = header["Bearer ".Length..].Trim();
        var ticket = context.Options.BearerTokenProtector.Unprotect(token);
        if (ticket?.Properties.ExpiresUtc is not { } expires || expires <= TimeProvider.System.GetUtcNow()) return;
        var stamps = context.HttpContext.RequestServices.GetRequiredService<SessionStamps>();
        if (await stamps.Current(ticket.Principal) is not { } account)
        {
            context.Fail("The session has ended.");
            return;
        }
        var scope = await context.HttpContext.RequestServices.GetRequiredService<TenantScope>().VillagesOf(account.MunicipalityId);
        context.Principal = KringUser.ToPrincipal(account, BearerTokenDefaults.AuthenticationScheme, scope);
        context.Properties = ticket.Properties;
        context.Success();
    }
}
