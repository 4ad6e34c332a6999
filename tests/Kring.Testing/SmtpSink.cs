using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Kring.Testing;

/// <summary>
/// A real SMTP server on a loopback port (the SmtpServer package, in-process). It keeps every message as it arrived over
/// the wire. <see cref="Stop"/> and <see cref="Start"/> take it away and bring it back on the same port, as an outage would.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _stop;
    private Task? _running;

    public SmtpSink()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Received => _received.ToList();

    /// <summary>The settings that point Kring at this server.</summary>
    public string[] Settings => [$"--Kring:Mail:Host=127.0.0.1", $"--Kring:Mail:Port={Port}", "--Kring:Mail:Security=None"];

    public static async Task<SmtpSink> Started()
    {
        var sink = new SmtpSink();
        await sink.Start();
        return sink;
    }

    public async Task Start()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_received));
        _server = new SmtpServer.SmtpServer(options, services);
        _stop = new CancellationTokenSource();
        _running = _server.StartAsync(_stop.Token);
        await Eventually.Get(async () => await Listening() ? "listening" : null, $"the SMTP server on port {Port}");
    }

    public async Task Stop()
    {
        if (_server is null) return;
        _server.Shutdown();
        _stop!.Cancel();
        try { await _running!; } catch (OperationCanceledException) { }
        _server = null;
    }

    /// <summary>The messages to one address, as they arrived.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        Received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    public Task<MimeMessage> WaitFor(string address, Func<MimeMessage, bool> which, string what, TimeSpan? within = null) =>
        Eventually.Get(() => Task.FromResult(To(address).FirstOrDefault(which)), what, within ?? TimeSpan.FromSeconds(30));

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

    public async ValueTask DisposeAsync() => await Stop();

    private sealed class Store(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
