using System.Collections.Concurrent;
using Orleans.Serialization.Invocation;

namespace Kring.Grains.Tests.Infrastructure;

/// <summary>
/// Simulates a lost notification: an incoming call filter that swallows one chosen call to the matching shard (for
/// example <see cref="IMatchingGrain.Submit"/> for one request) before the shard sees it, as a crash or a dropped
/// message would. Everything else passes through untouched.
/// </summary>
public sealed class NotificationDropper : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<(string Method, string RequestId), TaskCompletionSource<bool>> _armed = new();

    /// <summary>
    /// Drops the next call of <paramref name="method"/> on a matching shard about <paramref name="requestId"/>; the task
    /// completes when it was dropped.
    /// </summary>
    public Task<bool> DropNext(string method, string requestId)
    {
        var dropped = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_armed.TryAdd((method, requestId), dropped))
        {
            throw new InvalidOperationException($"{method} for {requestId} is already armed.");
        }
        return dropped.Task;
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Request.GetInterfaceType() == typeof(IMatchingGrain)
            && context.Request.GetArgumentCount() > 0
            && RequestId(context.Request.GetArgument(0)) is { } requestId
            && _armed.TryRemove((context.MethodName, requestId), out var dropped))
        {
            context.Response = Response.Completed;
            dropped.TrySetResult(true);
            return;
        }
        await context.Invoke();
    }

    private static string? RequestId(object? argument) => argument switch
    {
        RequestSummary summary => summary.Id,
        string id => id,
        _ => null,
    };
}
