using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using Kring.Matching;

namespace Kring.Cluster.Tests.Processes;

/// <summary>A request the test will file through the web: its idempotency key, circle, kind and time.</summary>
public sealed record PlannedRequest(int Index, string Key, string CircleId, HelpKind Kind, DateTimeOffset Start, DateTimeOffset End,
    IReadOnlyList<string> Needs)
{
    public object Json => new
    {
        kind = Kind.Code(),
        start = Start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        end = End.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        needs = Needs,
        notes = $"fault test {Key}",
    };
}

/// <summary>A request the web acknowledged with 201 Created.</summary>
public sealed record Acknowledged(PlannedRequest Plan, string Id, DateTimeOffset At);

public static class Workload
{
    /// <summary>The demo population's circles, c-0001 to c-0900.</summary>
    public static IReadOnlyList<string> DemoCircles { get; } = Enumerable.Range(1, 900).Select(i => $"c-{i:0000}").ToList();

    /// <summary>
    /// <paramref name="count"/> requests, <paramref name="perWindow"/> at a time in one-hour windows from 08:00 to 20:00
    /// (Amsterdam time) from the day after tomorrow on, so volunteers compete for the same hour while one volunteer can
    /// still take many hours. Kinds alternate, so both matching shards (buddy and respite) share the work and compete
    /// for the same volunteers. Circles are taken in turn.
    /// </summary>
    public static IReadOnlyList<PlannedRequest> Plan(string prefix, int count, int perWindow, IReadOnlyList<string> circles,
        int firstDay = 2, IReadOnlyList<string>? needs = null)
    {
        const int windowsPerDay = 12;
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Availability.Amsterdam).Date;
        return Enumerable.Range(0, count).Select(i =>
        {
            var window = i / perWindow;
            var local = today.AddDays(firstDay + window / windowsPerDay).AddHours(8 + window % windowsPerDay);
            var start = new DateTimeOffset(local, Availability.Amsterdam.GetUtcOffset(local));
            return new PlannedRequest(i, $"{prefix}-{i:0000}", circles[i % circles.Count], i % 2 == 0 ? HelpKind.Buddy : HelpKind.Respite,
                start, start.AddHours(1), needs ?? []);
        }).ToList();
    }
}

/// <summary>
/// Files requests through POST /api/v1/circles/{circleId}/requests with an Idempotency-Key, as an API client should:
/// a 503 (or no answer) is retried with the same key, so a retry never makes a second request, until a 201 arrives.
/// Every call is recorded in <see cref="Calls"/>.
/// </summary>
public sealed class RequestFiler(HttpClient http, ApiCalls calls)
{
    /// <summary>The web asks for 5 s (Retry-After); waiting a second keeps the tests short and presses the cluster harder.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly ConcurrentQueue<Acknowledged> _acknowledged = new();

    public ApiCalls Calls => calls;
    public IReadOnlyList<Acknowledged> Acknowledged => _acknowledged.ToArray();
    public int AcknowledgedCount => _acknowledged.Count;

    /// <summary>Files one request, retrying until it is acknowledged or <paramref name="patience"/> has passed (then null).</summary>
    public async Task<Acknowledged?> File(PlannedRequest plan, TimeSpan patience, CancellationToken cancellationToken = default)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            var (status, created) = await calls.Send<Created>(http, () =>
            {
                var message =
                    new HttpRequestMessage(HttpMethod.Post, $"/api/v1/circles/{plan.CircleId}/requests")
                    {
                        Content = JsonContent.Create(
                    plan.Json)
                    };
                message.Headers.Add("Idempotency-Key", plan.Key);
                return message;
            }, $"file {plan.Key}");
            if (status == 201)
            {
                var acknowledged = new Acknowledged(plan, created!.Id, DateTimeOffset.UtcNow);
                _acknowledged.Enqueue(acknowledged);
                return acknowledged;
            }
            if (status is not (503 or ApiCalls.Hung or ApiCalls.Unreachable))
            {
                // Anything else (a 500, a validation error) is a finding, not something to retry.
                return null;
            }
            if (DateTimeOffset.UtcNow > deadline || cancellationToken.IsCancellationRequested) return null;
            await Task.Delay(RetryDelay, CancellationToken.None);
        }
    }

    /// <summary>Files every request with <paramref name="concurrency"/> callers at once, each retrying as <see cref="File"/>
    /// does.</summary>
    public Task FileAll(IEnumerable<PlannedRequest> plans, int concurrency, TimeSpan patience,
        CancellationToken cancellationToken = default) =>
        Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (plan, _) => await File(plan, patience, cancellationToken));

    private sealed record Created(string Id, string Status);
}
