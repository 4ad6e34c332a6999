using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Kring.Web.Security;

/// <summary>
/// Rate limiting of sign-in attempts per client address: <c>POST /api/v1/session</c> and <c>POST /Inloggen</c> share one
/// budget per address (an IPv6 client is counted per /64, the block one household or server gets). Beyond it the
/// answer is 429 with <c>Retry-After</c> and a Dutch ProblemDetails. Behind a reverse proxy the address is the one the
/// proxy forwards (see <see cref="WebSecurity"/>).
/// </summary>
public static class SignInLimits
{
    public static IServiceCollection AddKringSignInLimits(this IServiceCollection services, SignInLimitSettings settings)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsSignIn(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = settings.PermitLimit,
                        Window = settings.Window,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) => Reject(context, settings);
        });
        return services;
    }

    public static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (Is(request.Path, "/api/v1/session") || Is(request.Path, "/Inloggen"));

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

    private static async ValueTask Reject(OnRejectedContext context, SignInLimitSettings settings)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : Math.Max(1, (int)Math.Ceiling(settings.Window.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Te veel inlogpogingen.",
            Detail = $"Er is vanaf uw adres te vaak geprobeerd in te loggen. Probeer het over {seconds} seconden opnieuw.",
        };
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }))
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(problem.Detail, http.RequestAborted);
        }
    }
}

public sealed class SignInLimitSettings
{
    /// <summary>Sign-in attempts per client address per <see cref="Window"/>.</summary>
    public int PermitLimit { get; set; } = 10;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
