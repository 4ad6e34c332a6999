using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Kring.Web.Security;

/// <summary>Settings under <c>Kring:Security</c>.</summary>
public sealed class SecuritySettings
{
    public const string Section = "Kring:Security";

    public SignInLimitSettings SignIn { get; set; } = new();

    /// <summary>The largest request body Kestrel accepts (API JSON and page forms alike); more is a 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed, besides loopback (ASP.NET Core's
    /// default). A header from any other address is ignored, so a client cannot pick its own address or scheme.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>
    /// Networks of trusted proxies in CIDR notation, such as 10.0.0.0/8 for a cluster's ingress. They (and loopback) may
    /// also read /metrics, on the web and the silos alike (Telemetry.MapKringMetrics reads this key itself).
    /// </summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>
    /// Every cookie is marked Secure, whether the request came over HTTPS or not (a proxy that leaves out
    /// X-Forwarded-Proto cannot switch it off). On unless set, except in Development. Strict-Transport-Security goes on
    /// every HTTPS response regardless (see <see cref="SecurityHeaders"/>).
    /// </summary>
    public bool? RequireHttps { get; set; }
}

/// <summary>
/// The web front end's protections that are not about who may do what: forwarded headers from a trusted proxy, security
/// headers, request size limits and rate limits (the limiter goes in after authentication, see KringWebApp). Authentication
/// itself is in <see cref="AuthSetup"/>.
/// </summary>
public static class WebSecurity
{
    public static IServiceCollection AddKringWebSecurity(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection(SecuritySettings.Section).Get<SecuritySettings>() ?? new SecuritySettings();
        // The one place for every cookie: sign-in, antiforgery, language and any later one.
        var requireHttps = settings.RequireHttps ?? !environment.IsDevelopment();
        services.Configure<CookiePolicyOptions>(options =>
            options.Secure = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.None);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            foreach (var proxy in settings.KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in settings.KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.Configure<KestrelServerOptions>(options =>
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;
        });
        services.Configure<FormOptions>(options =>
        {
            // The largest form (weekly availability) has about 50 fields; a request's notes are at most 1000 characters.
            options.ValueCountLimit = 200;
            options.KeyLengthLimit = 200;
            options.ValueLengthLimit = 16 * 1024;
            options.MultipartBodyLengthLimit = settings.MaxRequestBodyBytes;
            options.MultipartHeadersLengthLimit = 8 * 1024;
        });
        var writes = configuration.GetSection(WriteLimitSettings.Section).Get<WriteLimitSettings>() ?? new WriteLimitSettings();
        services.AddKringRateLimits(settings.SignIn, writes);
        return services;
    }

    /// <summary>First in the pipeline, so every response, including errors and static files, is covered.</summary>
    public static IApplicationBuilder UseKringWebSecurity(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        app.UseCookiePolicy();
        app.UseKringSecurityHeaders();
        app.Use(GuardRequestBodies);
        return app;
    }

    /// <summary>
    /// Two answers before anything reads the body. A declared length over the limit is a 413, pages included (their
    /// antiforgery check would otherwise call the body unreadable, a 400); the connection is closed, since the rest of
    /// the body is not read. A chunked body is stopped by Kestrel at the same limit. A charset .NET does not know is a
    /// 415: the JSON reader would otherwise throw on it.
    /// </summary>
    private static async Task GuardRequestBodies(HttpContext context, RequestDelegate next)
    {
        var sizes = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        // An import file, on the API or a page, may be larger than anything else.
        if (sizes is { IsReadOnly: false } && Api.ImportApi.TakesFile(context.Request.Path))
        {
            sizes.MaxRequestBodySize = Api.ImportApi.MaxRequestBytes;
        }
        var limit = sizes?.MaxRequestBodySize;
        if (context.Request.ContentLength is { } length && limit is { } max && length > max)
        {
            context.Response.Headers.Connection = "close";
            await Refuse(context, StatusCodes.Status413PayloadTooLarge, "De aanvraag is te groot.", $"Stuur hooguit {max / 1024} kB.");
            return;
        }
        if (context.Request.ContentType is { } contentType && !KnownCharset(contentType))
        {
            await Refuse(context, StatusCodes.Status415UnsupportedMediaType, "Dit type inhoud wordt niet ondersteund; stuur JSON.",
                "De tekenset van de inhoud is onbekend; stuur UTF-8.");
            return;
        }
        await next(context);
    }

    private static bool KnownCharset(string contentType)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)) return true; // left to the reader
        var charset = media.Charset.Value?.Trim('"');
        if (string.IsNullOrEmpty(charset)) return true;
        try
        {
            System.Text.Encoding.GetEncoding(charset);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task Refuse(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(detail, context.RequestAborted);
        }
    }
}
