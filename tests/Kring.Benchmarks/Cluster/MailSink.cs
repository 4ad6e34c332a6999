using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Kring.Benchmarks.Cluster;

/// <summary>
/// A real SMTP server on a free loopback port (the SmtpServer package, in-process), as the tests' SmtpSink
/// (tests/Kring.Testing) runs it, with what a benchmark needs instead of the messages: the moment each Message-ID was
/// accepted (<see cref="Stopwatch.GetTimestamp"/>, taken in the message store just before it answers 250) and how often
/// a Message-ID came more than once. Kring.Testing is not referenced: it brings Kring.Web and xunit along, and its
/// sink keeps no receive times.
/// </summary>
public sealed class MailSink : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _firstReceived = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _times = new(StringComparer.Ordinal);
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;
    private long _received;
    private long _lastReceived;

    private MailSink()
    {
        Port = Ports.Free();
        var options =
            new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
    }

    public int Port { get; }

    /// <summary>The settings that point a silo's mail delivery at this server.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Kring:Mail:Host"] = "127.0.0.1",
        ["Kring:Mail:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Kring:Mail:Security"] = "None",
    };

    /// <summary>Messages accepted so far, duplicates included.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>The <see cref="Stopwatch.GetTimestamp"/> of the last message accepted (0 before the first).</summary>
    public long LastReceived => Interlocked.Read(ref _lastReceived);

    /// <summary>When the message with this Message-ID was first accepted.</summary>
    public bool TryGetReceived(string messageId, out long timestamp) => _firstReceived.TryGetValue(messageId, out timestamp);

    /// <summary>How many times the message with this Message-ID was accepted (0 when never).</summary>
    public int Times(string messageId) => _times.GetValueOrDefault(messageId);

    public static async Task<MailSink> Started()
    {
        var sink = new MailSink();
        sink._running = sink._server.StartAsync(sink._stop.Token);
        var deadline = Stopwatch.GetTimestamp() + 10 * Stopwatch.Frequency;
        while (!await sink.Listening())
        {
            if (Stopwatch.GetTimestamp() > deadline) throw new IOException($"The SMTP sink on port {sink.Port} did not start.");
            await Task.Delay(50);
        }
        return sink;
    }

    private async Task<bool> Listening()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Accepted(string messageId)
    {
        var now = Stopwatch.GetTimestamp();
        _firstReceived.TryAdd(messageId, now);
        _times.AddOrUpdate(messageId, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _received);
        Interlocked.Exchange(ref _lastReceived, now);
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            if (_running is not null) await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private sealed class Store(MailSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            // MimeKit gives the Message-ID without its angle brackets, as MailDelivery.MessageId makes it.
            sink.Accepted(message.MessageId ?? "");
            return SmtpResponse.Ok;
        }
    }
}
