using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Kring.Web.Security;

/// <summary>
/// Keeps staff of one municipality out of another's circles, wherever a route or page names a circle: the API's
/// <c>{circleId}</c> and the pages' <c>kring</c> field. A circle elsewhere answers as one that does not exist, so its
/// existence is not told either. The checks on what a role may do with a circle (<see cref="KringUser"/>) come on top.
/// </summary>
public sealed class CircleScopeFilter(TenantScope tenancy) : IEndpointFilter, IAsyncPageFilter
{
    public const string Hidden = "Deze kring bestaat niet.";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.RouteValues.TryGetValue("circleId", out var value) && value is string circleId
            && KringUser.From(http.User) is { Scope: not null } user && !await tenancy.Covers(user, circleId))
        {
            return Api.Problems.NotFound(Hidden);
        }
        return await next(context);
    }

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        // Form keys ignore case: the pages post the field as "Kring".
        var circleId = request.Query["kring"].FirstOrDefault()
            ?? (request.HasFormContentType ? (await request.ReadFormAsync())["kring"].FirstOrDefault() : null);
        if (!string.IsNullOrEmpty(circleId) && KringUser.From(context.HttpContext.User) is { Scope: not null } user
            && !await tenancy.Covers(user, circleId))
        {
            context.Result = new NotFoundResult();
            return;
        }
        await next();
    }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;
}
