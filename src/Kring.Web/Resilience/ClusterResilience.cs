using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Kring.Web.Resilience;

/// <summary>
/// The resilience pipelines around the web's calls into the cluster. Every call gets a timeout and goes through one
/// shared circuit breaker; only calls that are safe to repeat are retried, with jittered back-off, and only on
/// errors that mean "the cluster is briefly unreachable".
/// </summary>
public sealed class ClusterResilience
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public ClusterResilience(TimeSpan? attemptTimeout = null)
    {
        Guarded = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = RetryAfter,
            })
            .AddTimeout(attemptTimeout ?? TimeSpan.FromSeconds(10))
            .Build();
        Retrying = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
            })
            .Build();
    }

    /// <summary>Timeout and circuit breaker: for calls that must not run twice.</summary>
    public ResiliencePipeline Guarded { get; }

    /// <summary>Retries around <see cref="Guarded"/>: for calls that are idempotent.</summary>
    public ResiliencePipeline Retrying { get; }

    public ValueTask<T> Execute<T>(bool idempotent, Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken) =>
        idempotent
            ? Retrying.ExecuteAsync(ct => Guarded.ExecuteAsync(call, ct), cancellationToken)
            : Guarded.ExecuteAsync(call, cancellationToken);

    /// <summary>Errors after which the same call may well succeed a moment later.</summary>
    public static bool IsTransient(Exception e) => e is TimeoutException or TimeoutRejectedException
        or SiloUnavailableException or OrleansMessageRejectionException or GatewayTooBusyException
        or ClientNotAvailableException or Orleans.Runtime.Messaging.ConnectionFailedException;

    /// <summary>Errors that mean the cluster cannot be reached now: the client should come back later (503).</summary>
    public static bool IsUnavailable(Exception e) => IsTransient(e) || e is BrokenCircuitException or OrleansException;
}
