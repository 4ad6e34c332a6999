using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kring.Testing;

namespace Kring.Web.Tests.Security;

public sealed partial class FuzzTests
{
    /// <summary>The status, and the help requests a 201 created (a weekly series creates several).</summary>
    private readonly record struct Answer(int Code, IReadOnlyList<string> Created);

    private static async Task<Answer> Send(HttpClient client, FuzzCase c)
    {
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path);
        if (c.Body is not null)
        {
            // A server that did not read a body to its end closes the connection after answering (Kestrel does, as
            // HTTP allows); the client would only find out when it reused the connection for an innocent next request.
            request.Headers.ConnectionClose = true;
            request.Content = new ByteArrayContent(c.Body);
            if (c.ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
        }
        foreach (var (name, value) in c.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content?.Headers.TryAddWithoutValidation(name, value);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode != HttpStatusCode.Created || response.Headers.Location is not { } location) return new Answer(
                (int)response.StatusCode, []);
            var path = location.OriginalString;
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
            var ids = body.TryGetProperty("requests", out var series)
                ? series.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList()
                : [body.GetProperty("id").GetString()!];
            var circle = path[..(path.LastIndexOf('/') + 1)];
            return new Answer(201, ids.Select(id => circle + id).ToList());
        }
        catch (OperationCanceledException)
        {
            return new Answer(0, []);
        }
        catch (HttpRequestException) when (c.MayBeCut)
        {
            // An oversized body: the server answered 413 and closed the connection while the body was still being sent.
            return new Answer(-1, []);
        }
        catch (HttpRequestException e)
        {
            // The connection broke without an answer: a failure, reported with the request.
            return new Answer(-2, [$"{e.Message} {e.InnerException?.Message}"]);
        }
    }

    /// <summary>A request written byte by byte, most of them not valid HTTP/1.1. The status of the answer, or -1 when the connection
    /// closed.</summary>
    private async Task<int> SendRaw(byte[] bytes)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(App.Address.Host, App.Address.Port);
        var stream = tcp.GetStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await stream.WriteAsync(bytes, timeout.Token);
            var buffer = new byte[64];
            var read = 0;
            while (read < 12)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), timeout.Token);
                if (n == 0) return -1;
                read += n;
            }
            var line = Encoding.ASCII.GetString(buffer, 0, read);
            return line.StartsWith("HTTP/1.", StringComparison.Ordinal) && int.TryParse(line.AsSpan(9, 3), out var code) ? code : 0;
        }
        catch (IOException)
        {
            return -1;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
    }

    private static byte[] RawCase(Random random, int i)
    {
        var path = Pick(random, ["/api/v1/villages", "/api/v1/session", "/api/v1/circles/mine", "/", "/Inloggen", "/api/v1/me/password"]);
        var ascii = (string s) => Encoding.Latin1.GetBytes(s);
        return (i % 20) switch
        {
            0 => ascii("GARBAGE\r\n\r\n"),
            1 => ascii($"GET {path} HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n"),
            2 => ascii($"GET {path} HTTP/1.1\r\nHost x\r\nConnection: close\r\n\r\n"),
            3 => ascii("GET /api/v1/../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
            4 => [.. ascii("GET /api/v1/circles/"), 0xC3, 0x28, 0xFF, 0x00, .. ascii(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")],
            5 => [.. ascii($"GET {path} HTTP/1.1\r\nHost: x\r\nX-Naam: "), 0xE2, 0x82, 0xAC, 0xFF,
                .. ascii("\r\nConnection: close\r\n\r\n")],
            6 => ascii($"POST {path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n" +
                "Connection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"),
            7 => ascii($"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n" +
                "Connection: close\r\n\r\n0\r\n\r\n"),
            8 => ascii($"GET {path} HTTP/1.0\r\n\r\n"),
            9 => ascii($"GET {path} HTTP/1.1\r\nHost: x\r\nX-Groot: {new string('a', 40_000)}\r\nConnection: close\r\n\r\n"),
            10 => ascii($"GET {path} HTTP/1.1\r\nHost: x\r\n" +
                $"{string.Concat(Enumerable.Range(0, 150).Select(n => $"X-{n}: {n}\r\n"))}Connection: close\r\n\r\n"),
            11 => ascii($"GET http://evil.example{path} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"),
            12 => ascii($"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 5\r\nConnection: close\r\n\r\n" +
                "{}"),
            13 => ascii($"POST {path} HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 999999\r\n" +
                "Connection: close\r\n\r\n"),
            14 => ascii($"GET {path}?{new string('q', 9000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
            15 => ascii($"BREW {path} HTCPCP/1.0\r\n\r\n"),
            16 => ascii("POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 12\r\n" +
                "Connection: close\r\n\r\n{\"username\":\"a\",\"password\":\"b\"}"),
            17 => ascii($"GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {new string('=', 3000)}\r\n" +
                "Authorization: Basic Zm9vOmJhcg==\r\nConnection: close\r\n\r\n"),
            18 => ascii($"GET {path}%2e%2e%2f%2e%2e%2f HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 1.2.3.4, <script>, ::1\r\n" +
                "X-Forwarded-Proto: javascript\r\nConnection: close\r\n\r\n"),
            _ => ascii($"GET {path} HTTP/1.1\r\nHost: [::1\r\nCookie: kring={new string('x', 4000)}; .AspNetCore.Antiforgery=%%%\r\n" +
                "Connection: close\r\n\r\n"),
        };
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
