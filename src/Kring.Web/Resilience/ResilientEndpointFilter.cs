namespace Kring.Web.Resilience;

/// <summary>
/// Runs each API call inside the cluster resilience pipeline. GET, PUT and DELETE are idempotent by HTTP's rules and
/// Kring keeps them so; a POST is only retried when it carries an Idempotency-Key. The handlers do not take a
/// cancellation token, so the call is awaited with the pipeline's token: when the timeout fires, the caller gets its 503
/// then, while the grain call finishes (or not) on its own.
/// </summary>
public sealed class ResilientEndpointFilter(ClusterResilience resilience) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var idempotent = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsPut(request.Method)
            || HttpMethods.IsDelete(request.Method) || request.Headers.ContainsKey("Idempotency-Key");
        return await resilience.Execute(
            idempotent, ct => new ValueTask<object?>(next(context).AsTask().WaitAsync(ct)), context.HttpContext.RequestAborted);
    }
}
