using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Kring.Web.Api;

/// <summary>
/// A ProblemDetails answer written exactly like <c>Results.Problem</c> (through the problem details service, as
/// application/problem+json), whose subclasses also tell the OpenAPI document which status they answer with.
/// </summary>
public abstract class ProblemResult : IResult, IStatusCodeHttpResult, IValueHttpResult<ProblemDetails>, IContentTypeHttpResult
{
    public const string MediaType = "application/problem+json";

    private readonly ProblemHttpResult inner;

    protected ProblemResult(ProblemDetails details) => inner = TypedResults.Problem(details);

    public int? StatusCode => inner.StatusCode;

    public ProblemDetails Value => inner.ProblemDetails;

    public string ContentType => inner.ContentType;

    public virtual Task ExecuteAsync(HttpContext httpContext) => inner.ExecuteAsync(httpContext);

    protected static ProblemDetails Details(int status, string title, string? detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail
    };

    protected static void Describe(EndpointBuilder builder, int status, Type? type = null) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, type ?? typeof(ProblemDetails), [MediaType]));
}

/// <summary>400: fields filled in wrongly, with the errors per field.</summary>
public sealed class InvalidInputProblem(HttpValidationProblemDetails details) : ProblemResult(details), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Describe(builder, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
}

/// <summary>401: the sign-in failed.</summary>
public sealed class UnauthorizedProblem(string title, string detail)
    : ProblemResult(Details(StatusCodes.Status401Unauthorized, title, detail)), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status401Unauthorized);
}

/// <summary>403: signed in, but not allowed this.</summary>
public sealed class ForbiddenProblem(string detail)
    : ProblemResult(Details(StatusCodes.Status403Forbidden, Problems.Titles[StatusCodes.Status403Forbidden], detail)),
        IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status403Forbidden);
}

/// <summary>404: the thing does not exist (or the caller may not learn that it does).</summary>
public sealed class NotFoundProblem(string detail)
    : ProblemResult(Details(StatusCodes.Status404NotFound, Problems.Titles[StatusCodes.Status404NotFound], detail)),
        IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status404NotFound);
}

/// <summary>404 for a circle that never existed, 410 for one that was erased (AVG/GDPR).</summary>
public sealed class MissingProblem : ProblemResult, IEndpointMetadataProvider
{
    private MissingProblem(ProblemDetails details) : base(details) { }

    public static MissingProblem NotFound(string detail) =>
        new(Details(StatusCodes.Status404NotFound, Problems.Titles[StatusCodes.Status404NotFound], detail));

    public static MissingProblem Gone(string detail) => new(Details(StatusCodes.Status410Gone, Problems.Titles[StatusCodes.Status410Gone],
        detail));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        Describe(builder, StatusCodes.Status404NotFound);
        Describe(builder, StatusCodes.Status410Gone);
    }
}

/// <summary>409: it cannot be done (any more); <c>result</c> says why in a code.</summary>
public sealed class ConflictProblem : ProblemResult, IEndpointMetadataProvider
{
    public ConflictProblem(string detail, string result)
        : base(Details(StatusCodes.Status409Conflict, Problems.Titles[StatusCodes.Status409Conflict],
            detail)) => Value.Extensions["result"] = result;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status409Conflict);
}

/// <summary>415: the body is not JSON.</summary>
public sealed class UnsupportedMediaTypeProblem()
    : ProblemResult(Details(StatusCodes.Status415UnsupportedMediaType, Problems.Titles[StatusCodes.Status415UnsupportedMediaType], null)),
        IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder,
        StatusCodes.Status415UnsupportedMediaType);
}

/// <summary>429: too many failed sign-ins; Retry-After says when to try again.</summary>
public sealed class TooManyAttemptsProblem(string detail)
    : ProblemResult(Details(StatusCodes.Status429TooManyRequests, "Te veel pogingen.", detail)), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder,
        StatusCodes.Status429TooManyRequests);
}
