namespace Kring.Web.Security;

/// <summary>
/// The security headers on every response: pages, API, static files, errors. They are set when the response starts,
/// so error pages and responses written by other middleware get them too.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Kring's own pages use no inline script or style at all.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; " +
        "base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>
    /// Only for /dashboard (Orleans' dashboard, operators only, no personal data). Its bundle loads as a module from the
    /// same origin, so scripts stay 'self' only; but it draws its diagrams with mermaid, which puts &lt;style&gt;
    /// elements and style attributes into the page, and its stylesheet embeds a font as a data: URL. Inline styles
    /// cannot run script.
    /// </summary>
    public const string DashboardContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseKringSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(Apply, context);
            return next(context);
        });

    private static Task Apply(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        // The API reference page brings a policy of its own (ApiReference); everything else gets Kring's.
        if (!headers.ContainsKey("Content-Security-Policy"))
        {
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/dashboard")
                ? DashboardContentSecurityPolicy
                : ContentSecurityPolicy;
        }
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
        if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
        headers.Remove("Server");
        // Answers to a signed-in user hold personal data: no browser or proxy keeps a copy (shared computers).
        if (context.User.Identity?.IsAuthenticated == true && !headers.ContainsKey("Cache-Control")) headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
