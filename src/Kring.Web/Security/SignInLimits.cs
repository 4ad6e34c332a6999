using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Kring.Web.Security;

/// <summary>
/// Rate limits, in one global limiter of two links.
/// <list type="bullet">
/// <item>Sign-in attempts per client address: <c>POST /api/v1/session</c> and <c>POST /Inloggen</c> share one budget per
/// address (an IPv6 client is counted per /64, the block one household or server gets).</item>
/// <item>Writes (every method but GET, HEAD and OPTIONS, API and pages alike) per signed-in user, or per client address for
/// an anonymous caller; sign-in attempts have their own, smaller budget above and do not count here.</item>
/// </list>
/// Beyond either the answer is 429 with <c>Retry-After</c> and a Dutch ProblemDetails. Behind a reverse proxy the
/// address is the one the proxy forwards (see <see cref="WebSecurity"/>). The limiter runs after authentication, so it
/// knows the user.
/// </summary>
public static class SignInLimits
{
    public static IServiceCollection AddKringRateLimits(
        this IServiceCollection services, SignInLimitSettings signIn, WriteLimitSettings writes)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(SignInLimiter(signIn), WriteLimiter(writes));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) => Reject(context, signIn, writes);
        });
        return services;
    }

    private static PartitionedRateLimiter<HttpContext> SignInLimiter(SignInLimitSettings settings) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            IsSignIn(context.Request)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.PermitLimit,
                    Window = settings.Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(""));

    /// <summary>
    /// A sliding minute in six steps, so a burst at the end of one window and the start of the next is not twice the
    /// budget.
    /// </summary>
    private static PartitionedRateLimiter<HttpContext> WriteLimiter(WriteLimitSettings settings) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            IsWrite(context.Request)
                ? RateLimitPartition.GetSlidingWindowLimiter(WriterKey(context), _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = settings.WritesPerMinute,
                    Window = WriteLimitSettings.Window,
                    SegmentsPerWindow = 6,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(""));

    public static bool IsWrite(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
            && !IsSignIn(request);

    /// <summary>The signed-in user's name; an anonymous caller by address. The two never collide: their prefixes differ.</summary>
    private static string WriterKey(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? "user:" + name : "address:" + ClientKey(context);

    public static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (Is(request.Path, "/api/v1/session") || Is(request.Path, "/Inloggen") || IsPasswordReset(request.Path));

    /// <summary>Asking for a link to set a new password, and using one, count as sign-in attempts.</summary>
    private static bool IsPasswordReset(PathString path) =>
        Is(path, "/api/v1/password-reset") || Is(path, "/api/v1/password-reset/confirm") || Is(path, "/WachtwoordVergeten")
        || Is(path, "/WachtwoordHerstellen");

    private static bool Is(PathString path, string expected) =>
        string.Equals(path.Value?.TrimEnd('/'), expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>The client's address; IPv6 addresses by their /64 prefix, so one client cannot rotate through its block.</summary>
    public static string ClientKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }
        return address.ToString();
    }

    private static async ValueTask Reject(OnRejectedContext context, SignInLimitSettings signIn, WriteLimitSettings writes)
    {
        var http = context.HttpContext;
        var signingIn = IsSignIn(http.Request);
        var window = signingIn ? signIn.Window : WriteLimitSettings.Window / 6;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : Math.Max(1, (int)Math.Ceiling(window.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = signingIn
            ? new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Te veel inlogpogingen.",
                Detail = $"Er is vanaf uw adres te vaak geprobeerd in te loggen. Probeer het over {seconds} seconden opnieuw.",
            }
            : new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Te veel wijzigingen.",
                Detail = $"U heeft in korte tijd meer dan {writes.WritesPerMinute} wijzigingen verstuurd. " +
                    $"Probeer het over {seconds} seconden opnieuw.",
            };
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }))
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(problem.Detail ?? "", http.RequestAborted);
        }
    }
}

/// <summary>Kring:Limits:WritesPerMinute; the grains' limits in the same section are in Kring.Grains.LimitOptions.</summary>
public sealed class WriteLimitSettings
{
    public const string Section = "Kring:Limits";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Writes (POST, PUT, PATCH, DELETE) per signed-in user, or per address for anonymous callers, per minute.</summary>
    public int WritesPerMinute { get; set; } = 120;
}

public sealed class SignInLimitSettings
{
    /// <summary>Sign-in attempts per client address per <see cref="Window"/>.</summary>
    public int PermitLimit { get; set; } = 10;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
