using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Scalar.AspNetCore;

namespace Kring.Web.Security;

/// <summary>
/// The browsable API reference for operators at /api/reference/ (Scalar, over /api/v1/openapi.json). Scalar's page
/// starts itself with one inline module script. Instead of allowing inline script, the page's policy allows exactly
/// that script, by its SHA-256 hash, computed from the page as it is sent.
/// </summary>
public static partial class ApiReference
{
    public const string Path = "/api/reference";

    private static readonly CompositeFormat PolicyTemplate = CompositeFormat.Parse(
        "default-src 'self'; script-src 'self' {0}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'");

    public static void MapKringApiReference(this WebApplication app)
    {
        app.MapScalarApiReference(Path, options => options
                .WithTitle("Kring API")
                .WithOpenApiRoutePattern("/api/v1/openapi.json")
                .DisableDefaultFonts())
            .RequireAuthorization(AuthSetup.Policies.Operator);
    }

    /// <summary>Gives the reference page (HTML) a policy that allows the inline scripts Scalar wrote into it and no others.</summary>
    public static IApplicationBuilder UseKringApiReferencePolicy(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // The page itself (/api/reference/ or /api/reference/{document}), not Scalar's scripts and images.
            if (!context.Request.Path.StartsWithSegments(Path, out var rest) || System.IO.Path.HasExtension(rest.Value))
            {
                await next(context);
                return;
            }
            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next(context);
                var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                context.Response.Headers.ContentSecurityPolicy = Policy(html);
                buffer.Position = 0;
                context.Response.Body = original;
                await buffer.CopyToAsync(original, context.RequestAborted);
            }
            finally
            {
                context.Response.Body = original;
            }
        });

    /// <summary>The policy for this HTML: each inline script allowed by its hash.</summary>
    public static string Policy(string html)
    {
        var hashes = InlineScript().Matches(html)
            .Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value)))}'");
        return string.Format(CultureInfo.InvariantCulture, PolicyTemplate, string.Join(' ', hashes));
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();
}
