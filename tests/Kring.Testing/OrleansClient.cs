using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Kring.Testing;

/// <summary>Orleans clients of a Kring silo's gateway, as another program on the machine or network would make them.</summary>
public static class OrleansClient
{
    public static IHost Build(Action<IClientBuilder> configure, ILoggerProvider? log = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (log is not null) builder.Logging.AddProvider(log);
        builder.UseOrleansClient(configure);
        return builder.Build();
    }

    /// <summary>
    /// Asserts that the gateway refuses the client. The silo drops the connection in the TLS handshake, before Orleans
    /// reads a byte; the client then either gives up at once (ConnectionFailedException) or connects again and again and
    /// never finishes starting. So this waits for its first failed connection attempt, stops it, and requires that it
    /// never started.
    /// </summary>
    public static async Task AssertRefused(Action<IClientBuilder> configure, TimeSpan patience)
    {
        var failures = new ConnectionFailures();
        using var host = Build(configure, failures);
        using var stop = new CancellationTokenSource();
        var start = host.StartAsync(stop.Token);
        await failures.First.WaitAsync(patience);
        await stop.CancelAsync();
        var error = await Record.ExceptionAsync(() => start);
        Assert.True(error is OperationCanceledException or Orleans.Runtime.Messaging.ConnectionFailedException,
            $"The client started, or failed for another reason than the refused connection: {error}");
    }

    /// <summary>Completes <see cref="First"/> when the client logs that a connection attempt failed.</summary>
    private sealed class ConnectionFailures : ILoggerProvider, ILogger
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task First => _first.Task;

        public ILogger CreateLogger(string categoryName) => categoryName == "Orleans.Runtime.Messaging.ConnectionManager" ? this
            : NullLogger.Instance;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning && formatter(state, exception)
                .StartsWith("Connection attempt to endpoint", StringComparison.Ordinal)) _first.TrySetResult();
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public void Dispose()
        {
        }
    }
}
