using Xunit.Sdk;

namespace Kring.Cluster.Tests;

/// <summary>Asks again and again until a condition holds, failing with a clear message after a bounded time.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan timeout,
        Func<T, string>? describe = null)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var value = await probe();
            if (condition(value)) return value;
            if (TimeProvider.System.GetElapsedTime(started) > timeout)
            {
                var seen = describe is null ? Describe(value) : describe(value);
                throw new XunitException($"Timed out after {timeout.TotalSeconds:0.#} s waiting until {what}. Last seen: {seen}");
            }
            await Task.Delay(PollInterval);
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
