using System.Collections.Concurrent;

namespace Kring.Grains.Tests.Infrastructure;

/// <summary>
/// Makes a race happen for certain: an outgoing call filter that holds volunteers' calls to
/// <see cref="ICarerCircleGrain.ConfirmMatch"/> for one request until a given number of them are under way. Each
/// volunteer then already holds the time (offer Accepting) and the circle alone decides who wins.
/// </summary>
public sealed class ConfirmBarrier : IOutgoingGrainCallFilter
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, Gate> _gates = new();

    public void HoldUntil(string requestId, int confirmations) => _gates[requestId] = new Gate(confirmations);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.Request.GetInterfaceType() == typeof(ICarerCircleGrain)
            && context.MethodName == nameof(ICarerCircleGrain.ConfirmMatch)
            && context.Request.GetArgument(0) is string requestId
            && _gates.TryGetValue(requestId, out var gate))
        {
            try
            {
                await gate.Arrive().WaitAsync(Limit);
            }
            catch (TimeoutException)
            {
                throw new InvalidOperationException(
                    $"Only {gate.Arrived} of {gate.Parties} confirmations for {requestId} reached the circle.");
            }
        }
        await context.Invoke();
    }

    private sealed class Gate(int parties)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public int Parties => parties;
        public int Arrived => Volatile.Read(ref _arrived);

        public Task Arrive()
        {
            if (Interlocked.Increment(ref _arrived) >= parties) _all.TrySetResult();
            return _all.Task;
        }
    }
}
