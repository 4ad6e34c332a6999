using Microsoft.OpenApi;

namespace Kring.Web.Api;

/// <summary>
/// The OpenAPI document at <c>/api/v1/openapi.json</c>: its info, the tags with their descriptions, and the two ways
/// to sign in (a bearer token from <c>POST /api/v1/session</c>, or the session cookie) on every route behind a policy.
/// </summary>
public static class OpenApiSetup
{
    public const string BearerScheme = "bearer";
    public const string CookieScheme = "cookie";

    public static IServiceCollection AddKringOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        // Only the API: the Orleans dashboard's routes are not part of it.
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            Describe(document);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (ApiDocs.RequiresSignIn(context.Description.ActionDescriptor.EndpointMetadata))
            {
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] },
                ];
            }
            return Task.CompletedTask;
        });
    });

    private static void Describe(OpenApiDocument document)
    {
        document.Info.Title = "Kring API";
        document.Info.Description = "Kring's JSON API: circles, requests for help, volunteers and their offers, villages, partners, " +
            "accounts and privacy. Sign in with POST /api/v1/session and send the token as `Authorization: Bearer ...`. " +
            "Errors are ProblemDetails with a Dutch title.";
        document.Info.Contact = new OpenApiContact { Name = "Kring" };
        document.Tags = new HashSet<OpenApiTag>(ApiTags.All.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The token from POST /api/v1/session, as `Authorization: Bearer <token>`.",
        };
        document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = "kring",
            Description = "The session cookie that signing in sets, as the pages use it.",
        };
    }
}
