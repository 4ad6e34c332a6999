using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace Kring.Cluster.Tests.Processes;

/// <summary>
/// Every HTTP call a fault test makes to the web, with its outcome: the status code, whether a 503 said when to come
/// back (Retry-After), how long it took, and whether it got no answer at all within the client's timeout (a hang).
/// </summary>
public sealed class ApiCalls
{
    public const int Hung = 0;
    public const int Unreachable = -1;

    private readonly ConcurrentQueue<Call> _calls = new();

    public sealed record Call(DateTimeOffset At, string What, int Status, TimeSpan Latency, bool RetryAfter, string? Error)
    {
        public DateTimeOffset End => At + Latency;
    }

    public IReadOnlyList<Call> All => _calls.ToArray();

    /// <summary>Sends one request and records it; a timeout becomes <see cref="Hung"/>, a refused connection <see
    /// cref="Unreachable"/>.</summary>
    public async Task<(int Status, T? Body)> Send<T>(HttpClient http, Func<HttpRequestMessage> request, string what)
    {
        var at = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var message = request();
            using var response = await http.SendAsync(message);
            var status = (int)response.StatusCode;
            var body = response.IsSuccessStatusCode && typeof(T) != typeof(object) ? await response.Content.ReadFromJsonAsync<T>()
                : default;
            var retryAfter = response.Headers.RetryAfter is not null;
            string? detail = status >= 500 ? await response.Content.ReadAsStringAsync() : null;
            _calls.Enqueue(new Call(at, what, status, Stopwatch.GetElapsedTime(started), retryAfter, detail));
            return (status, body);
        }
        catch (TaskCanceledException e)
        {
            _calls.Enqueue(new Call(at, what, Hung, Stopwatch.GetElapsedTime(started), false, e.Message));
            return (Hung, default);
        }
        catch (HttpRequestException e)
        {
            _calls.Enqueue(new Call(at, what, Unreachable, Stopwatch.GetElapsedTime(started), false, e.Message));
            return (Unreachable, default);
        }
    }

    public static string Describe(IEnumerable<Call> calls) =>
        string.Join(", ", calls.GroupBy(c => c.Status).OrderBy(g => g.Key).Select(g => $"{Name(g.Key)}: {g.Count()}"));

    public static string Name(int status) => status switch
    {
        Hung => "no answer (timeout)",
        Unreachable => "unreachable",
        _ => ((HttpStatusCode)status).ToString() is var name && name != Number(status) ? $"{status} {name}" : Number(status),
    };

    private static string Number(int status) => status.ToString(CultureInfo.InvariantCulture);
}
