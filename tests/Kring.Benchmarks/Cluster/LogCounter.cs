using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Kring.Benchmarks.Cluster;

/// <summary>
/// Keeps the silo's log off the benchmark's output: counts its warnings and errors by kind, so a figure that came
/// with failures says so. Orleans' start-up notes about the GC are left out.
/// </summary>
public sealed class LogCounter : ILoggerProvider
{
    private const int Shown = 4;
    private readonly ConcurrentDictionary<string, int> _kinds = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    /// <summary>"no warnings or errors", or the most frequent kinds with their counts, indented.</summary>
    public string Describe(string indent)
    {
        if (_kinds.IsEmpty) return $"{indent}silo log: no warnings or errors";
        var top = _kinds.OrderByDescending(k => k.Value).Take(Shown).Select(k => $"{indent}  {k.Value,6}x {k.Key}");
        var rest = _kinds.Count > Shown ? $"{Environment.NewLine}{indent}  and {_kinds.Count - Shown} other kind(s)" : "";
        return $"{indent}silo log: {_kinds.Values.Sum()} warning(s) and " +
            $"error(s):{Environment.NewLine}{string.Join(Environment.NewLine, top)}{rest}";
    }

    private void Count(LogLevel level, string category, string message, Exception? exception)
    {
        if (level == LogLevel.Warning && message.StartsWith("Note: ", StringComparison.Ordinal)) return;
        // The first words tell the kind; ids, addresses and times further on would make every message unique.
        var words = message.Split(' ', 8);
        var lead = words.Take(6).TakeWhile(w => !w.Contains('[') && !w.Any(char.IsDigit)).ToList();
        var kind = $"{level} {category}: {string.Join(' ', lead)}{(lead.Count < words.Length ? " ..." : "")}";
        if (exception is not null) kind += $" ({exception.GetType().Name})";
        _kinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }

    private sealed class Logger(LogCounter owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?,
            string> formatter)
        {
            if (IsEnabled(logLevel)) owner.Count(logLevel, category, formatter(state, exception), exception);
        }
    }
}
