using Xunit.Sdk;

namespace Kring.Grains.Tests.Infrastructure;

/// <summary>
/// For the places where the grains are asynchronous by design (notifications sent without waiting): asks the grains
/// again and again until the condition holds, and fails with a clear message after a bounded time.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var value = await probe();
            if (condition(value)) return value;
            if (TimeProvider.System.GetElapsedTime(started) > limit)
            {
                throw new XunitException($"Timed out after {limit.TotalSeconds:0.#} s waiting until {what}. Last seen: {Describe(value)}");
            }
            await Task.Delay(PollInterval);
        }
    }

    public static Task Until(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        Until(condition, ok => ok, what, timeout);

    /// <summary>Waits for a task that some asynchronous path completes, failing with a clear message after a bounded time.</summary>
    public static async Task<T> Within<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        try
        {
            return await task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new XunitException($"Timed out after {limit.TotalSeconds:0.#} s waiting until {what}.");
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => s,
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Describe)) + "]",
        _ => value.ToString() ?? "",
    };
}
