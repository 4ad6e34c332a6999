using Kring.Web.Resilience;
using Microsoft.AspNetCore.Http;
using Polly.Timeout;

namespace Kring.Web.Tests;

public sealed class ResilienceTests
{
    [Fact]
    public async Task A_cluster_call_that_never_answers_is_cut_off_at_the_timeout_as_unavailable()
    {
        var filter = new ResilientEndpointFilter(new ClusterResilience(TimeSpan.FromMilliseconds(200)));
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Post;
        var hanging = new TaskCompletionSource<object?>();

        // The call ignores cancellation, as the grain calls behind the API handlers do. The outer wait only keeps a
        // broken timeout from hanging the test run.
        var call = filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ => new ValueTask<object?>(hanging.Task)).AsTask();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.IsType<TimeoutRejectedException>(error);
        Assert.True(ClusterResilience.IsUnavailable(error), "a timed-out call is answered 503 with Retry-After");
    }
}
