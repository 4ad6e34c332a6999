using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Kring.Web.Api;

/// <summary>
/// Turns exceptions into ProblemDetails: bad input from a grain is a 400, a missing entity a 404, a limit a grain keeps
/// (open requests, check-ins) a 409 with the grain's Dutch title and detail, and an unreachable or
/// overloaded cluster a 503 with Retry-After, so clients retry instead of seeing a 500.
/// </summary>
public sealed partial class ExceptionProblems(IProblemDetailsService problems, ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            LimitReachedException limit => (StatusCodes.Status409Conflict, limit.Title),
            BadHttpRequestException bad => (bad.StatusCode, "De aanvraag is niet leesbaar."),
            ArgumentException => (StatusCodes.Status400BadRequest, Problems.InvalidInput),
            KeyNotFoundException => (StatusCodes.Status404NotFound, Problems.Titles[StatusCodes.Status404NotFound]),
            _ when Resilience.ClusterResilience.IsUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable,
                Problems.Titles[StatusCodes.Status503ServiceUnavailable]),
            _ => (StatusCodes.Status500InternalServerError, Problems.Titles[StatusCodes.Status500InternalServerError]),
        };
        if (status >= 500) RequestFailed(logger, exception, httpContext.Request.Path);
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            var seconds = (int)Resilience.ClusterResilience.RetryAfter.TotalSeconds;
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = status is >= 400 and < 500 ? exception.Message : "Probeer het over enkele ogenblikken opnieuw.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Path} failed")]
    private static partial void RequestFailed(ILogger logger, Exception exception, PathString path);
}
