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

/// <summary>
/// The fuzzed application: its own, because hostile sign-ins lock the demo accounts. Each caller sends over a thousand
/// writes within a minute or two, so the per-user write rate is raised: the hostile bodies should reach the routes and
/// grains, not stop at the limiter (WriteLimitTests shows the limiter).
/// </summary>
public sealed class FuzzApp : IAsyncLifetime
{
    public KringApp App { get; private set; } = default!;

    public async ValueTask InitializeAsync() => App = await KringApp.Start(null, "--Kring:Limits:WritesPerMinute=1000000");

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(App.DataDirectory, recursive: true);
    }
}

/// <summary>
/// Thousands of malformed and hostile requests against every API route (the routes of the authorisation matrix), from
/// every role, an anonymous caller and a forged token: wrong types, huge strings, unicode, HTML and script, SQL-ish
/// strings, broken JSON, wrong content types, impossible dates, path-traversal ids, repeated and oversized headers, and
/// a few hundred requests that are not even valid HTTP. Generated from a fixed seed, so every run sends the same
/// requests. Nothing may answer 5xx or hang, and afterwards the state is what it was: the village overviews, the demo
/// circle and volunteer, the coordinator's queue. A request that was accepted must be valid; it is checked and cancelled.
/// </summary>
public sealed class FuzzTests(FuzzApp fixture, ITestOutputHelper output) : IClassFixture<FuzzApp>
{
    public const int Seed = 20261123;
    public const int HttpRequests = 10_000;
    public const int RawRequests = 400;
    private const int Parallelism = 8;

    private KringApp App => fixture.App;

    private static readonly string[] Roles = ["vrijwilliger", "mantelzorger", "consulent", "dorp-elsloo", "beheerder", "coordinator"];
    private static readonly HashSet<string> VillageIds =
        ["berg-aan-de-maas", "catsop", "elsloo", "kerensheide", "maasband", "meers", "nattenhoven", "nieuwdorp", "stein", "urmond"];

    [Fact]
    public async Task Hostile_requests_never_cause_a_server_error_and_leave_the_state_as_it_was()
    {
        var callers = new List<HttpClient>();
        foreach (var role in Roles) callers.Add(Client((await App.SignedIn(role)).DefaultRequestHeaders.Authorization!.Parameter));
        callers.Add(Client(null));
        callers.Add(Client("CfDJ8" + new string('A', 300)));
        var consultant = callers[2];

        var villages = (await consultant.GetFromJsonAsync<JsonElement>("/api/v1/villages")).EnumerateArray().Select(v => v.GetProperty("id").GetString()!);
        Assert.Equal(VillageIds.Order(), villages.Order());
        var before = await Snapshot(consultant, callers[0], callers[5]);
        var started = DateTime.UtcNow;

        var random = new Random(Seed);
        var cases = Enumerable.Range(0, HttpRequests).Select(_ => FuzzCase.Next(random, callers.Count)).ToList();
        var raw = Enumerable.Range(0, RawRequests).Select(i => RawCase(random, i)).ToList();

        var statuses = new ConcurrentDictionary<int, int>();
        var rawStatuses = new ConcurrentDictionary<int, int>();
        var serverErrors = new ConcurrentQueue<string>();
        var created = new ConcurrentQueue<string>();
        var accepted = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (c, _) =>
        {
            var status = await Send(callers[c.Caller], c);
            statuses.AddOrUpdate(status.Code, 1, (_, n) => n + 1);
            if (status.Code >= 500 || status.Code is 0 or -2) serverErrors.Enqueue($"{status.Code} {c} {string.Join(" ", status.Created)}");
            if (status.Code == 201) foreach (var location in status.Created) created.Enqueue(location);
            if (status.Code is >= 200 and < 300 && c.Method is "PUT" or "POST" or "DELETE") accepted.Enqueue($"{status.Code} {c.Method} {c.Route}");
        });
        await Parallel.ForEachAsync(raw, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (bytes, _) =>
        {
            var code = await SendRaw(bytes);
            rawStatuses.AddOrUpdate(code, 1, (_, n) => n + 1);
            if (code >= 500 || code == 0) serverErrors.Enqueue($"{code} raw: {Encoding.Latin1.GetString(bytes)[..Math.Min(120, bytes.Length)]}");
        });
        var elapsed = DateTime.UtcNow - started;

        output.WriteLine($"Sent {cases.Count} HTTP requests and {raw.Count} raw ones in {elapsed.TotalSeconds:0.0} s (seed {Seed}).");
        output.WriteLine("HTTP statuses (-1: an oversized body, the server answered 413 and closed the connection while it was still being sent): " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        output.WriteLine("Raw statuses (-1: the server closed the connection without an answer): " +
            string.Join(", ", rawStatuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        output.WriteLine($"Accepted changes: {accepted.Count}; " + string.Join(", ", accepted.GroupBy(a => a).Select(g => $"{g.Key}×{g.Count()}")));
        Assert.True(serverErrors.IsEmpty, $"{serverErrors.Count} requests got a server error or no answer:\n" + string.Join("\n", serverErrors.Take(40)));

        // Every session is intact: nothing the fuzzer sent could sign anybody out or change a password.
        for (var i = 0; i < Roles.Length; i++) Assert.Equal(HttpStatusCode.OK, (await callers[i].GetAsync("/api/v1/me")).StatusCode);

        // Accepted help requests are valid; then they are cancelled, which puts the state back.
        var createdIds = new HashSet<string>();
        foreach (var location in created.Distinct())
        {
            Assert.StartsWith("/api/v1/circles/", location);
            var request = await consultant.GetFromJsonAsync<JsonElement>(location);
            AssertValidRequest(request, location);
            createdIds.Add(request.GetProperty("id").GetString()!);
            var cancel = await consultant.PostAsync(location + "/cancel", null);
            Assert.True(cancel.StatusCode is HttpStatusCode.OK, $"cancelling {location}: {(int)cancel.StatusCode}");
        }
        output.WriteLine($"Help requests accepted, checked and cancelled: {createdIds.Count}.");
        await AssertAndRestoreVolunteer(callers[0], before);

        // Cancelling withdraws offers and updates the village in the background: wait (bounded) for the state to settle.
        var expected = before.Without(createdIds);
        try
        {
            await Eventually.Get(async () => (await Snapshot(consultant, callers[0], callers[5], createdIds)).Equals(expected) ? "same" : null,
                "the state to be what it was before the fuzzing", TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            Assert.Equal(expected.Describe(), (await Snapshot(consultant, callers[0], callers[5], createdIds)).Describe());
        }
    }

    /// <summary>A client that sends header values as UTF-8 (the default refuses anything but ASCII before sending), with a bearer token or none.</summary>
    private HttpClient Client(string? token)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer(), RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        var client = new HttpClient(handler) { BaseAddress = App.Address };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static void AssertValidRequest(JsonElement r, string where)
    {
        Assert.Contains(r.GetProperty("kind").GetString(), new[] { "buddy", "respite" });
        var start = r.GetProperty("start").GetDateTimeOffset();
        var end = r.GetProperty("end").GetDateTimeOffset();
        Assert.True(start < end && end - start <= TimeSpan.FromHours(12), $"{where}: {start} – {end}");
        Assert.InRange(start, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddYears(1).AddDays(7 * 53));
        var needs = r.GetProperty("needs").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.True(needs.Count <= 10 && needs.All(n => n.Length is > 0 and <= 40 && n.All(c => char.IsAsciiLetterLower(c) || c == '-')), $"{where}: needs {string.Join(",", needs)}");
        if (r.GetProperty("notes").GetString() is { } notes) Assert.True(notes.Length <= 1000 && notes == notes.Trim() && notes.Length > 0, where);
        Assert.Contains(r.GetProperty("status").GetString(), new[] { "open", "offered", "matched" });
    }

    /// <summary>Whatever availability and preferences the fuzzer managed to store must be valid; then the originals go back.</summary>
    private static async Task AssertAndRestoreVolunteer(HttpClient volunteer, State before)
    {
        var availability = await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/availability");
        var days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };
        foreach (var slot in availability.GetProperty("weekly").EnumerateArray())
        {
            Assert.Contains(slot.GetProperty("day").GetString(), days);
            Assert.True(TimeOnly.Parse(slot.GetProperty("from").GetString()!, CultureInfo.InvariantCulture) < TimeOnly.Parse(slot.GetProperty("to").GetString()!, CultureInfo.InvariantCulture), slot.ToString());
        }
        Assert.True(availability.GetProperty("weekly").GetArrayLength() <= 28);
        var preferences = await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/preferences");
        Assert.All(preferences.GetProperty("kinds").EnumerateArray(), k => Assert.Contains(k.GetString(), new[] { "buddy", "respite" }));
        Assert.InRange(preferences.GetProperty("maxKm").GetDouble(), 1, 25);

        (await volunteer.PutAsync("/api/v1/volunteers/me/availability", Json(before.Availability))).EnsureSuccessStatusCode();
        (await volunteer.PutAsync("/api/v1/volunteers/me/preferences", Json(before.Preferences))).EnsureSuccessStatusCode();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>What must not change: every village's overview, two circles, the demo volunteer, the coordinator's view.</summary>
    private sealed record State(string Overviews, JsonNode Circles, JsonNode Offers, string Assignments, string Availability, string Preferences, string Queue, string Public)
    {
        public State Without(IReadOnlySet<string> requestIds)
        {
            var circles = Circles.DeepClone();
            foreach (var circle in circles.AsArray())
            {
                var requests = circle!["requests"]!.AsArray();
                foreach (var r in requests.Where(r => requestIds.Contains(r!["id"]!.GetValue<string>())).ToList()) requests.Remove(r);
            }
            var offers = new JsonArray(Offers.AsArray().Where(o => !requestIds.Contains(o!["requestId"]!.GetValue<string>())).Select(o => o!.DeepClone()).ToArray());
            return this with { Circles = circles, Offers = offers };
        }

        public string Describe() => string.Join("\n", Overviews, Circles.ToJsonString(), Offers.ToJsonString(), Assignments, Availability, Preferences, Queue, Public);

        public bool Equals(State? other) => other is not null && Describe() == other.Describe();

        public override int GetHashCode() => Describe().GetHashCode();
    }

    private static async Task<State> Snapshot(HttpClient consultant, HttpClient volunteer, HttpClient coordinator, IReadOnlySet<string>? without = null)
    {
        var overviews = new StringBuilder();
        foreach (var village in VillageIds.Order()) overviews.AppendLine(await consultant.GetStringAsync($"/api/v1/villages/{village}/overview"));
        var circles = new JsonArray();
        foreach (var id in new[] { "c-demo", "c-0001" }) circles.Add(JsonNode.Parse(await consultant.GetStringAsync($"/api/v1/circles/{id}")));
        var state = new State(
            overviews.ToString(),
            circles,
            JsonNode.Parse(await volunteer.GetStringAsync("/api/v1/volunteers/me/offers"))!,
            await volunteer.GetStringAsync("/api/v1/volunteers/me/assignments"),
            await volunteer.GetStringAsync("/api/v1/volunteers/me/availability"),
            await volunteer.GetStringAsync("/api/v1/volunteers/me/preferences"),
            await coordinator.GetStringAsync("/api/v1/partners/piw/queue") + await coordinator.GetStringAsync("/api/v1/partners/piw/volunteers"),
            await consultant.GetStringAsync("/api/v1/villages") + await consultant.GetStringAsync("/api/v1/partners"));
        return without is null ? state : state.Without(without);
    }

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
            if (response.StatusCode != HttpStatusCode.Created || response.Headers.Location is not { } location) return new Answer((int)response.StatusCode, []);
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

    /// <summary>A request written byte by byte, most of them not valid HTTP/1.1. The status of the answer, or -1 when the connection closed.</summary>
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
            5 => [.. ascii($"GET {path} HTTP/1.1\r\nHost: x\r\nX-Naam: "), 0xE2, 0x82, 0xAC, 0xFF, .. ascii("\r\nConnection: close\r\n\r\n")],
            6 => ascii($"POST {path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\nConnection: close\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n"),
            7 => ascii($"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n"),
            8 => ascii($"GET {path} HTTP/1.0\r\n\r\n"),
            9 => ascii($"GET {path} HTTP/1.1\r\nHost: x\r\nX-Groot: {new string('a', 40_000)}\r\nConnection: close\r\n\r\n"),
            10 => ascii($"GET {path} HTTP/1.1\r\nHost: x\r\n{string.Concat(Enumerable.Range(0, 150).Select(n => $"X-{n}: {n}\r\n"))}Connection: close\r\n\r\n"),
            11 => ascii($"GET http://evil.example{path} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"),
            12 => ascii($"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{{}}"),
            13 => ascii($"POST {path} HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 999999\r\nConnection: close\r\n\r\n"),
            14 => ascii($"GET {path}?{new string('q', 9000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
            15 => ascii($"BREW {path} HTCPCP/1.0\r\n\r\n"),
            16 => ascii($"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 12\r\nConnection: close\r\n\r\n{{\"username\":\"a\",\"password\":\"b\"}}"),
            17 => ascii($"GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {new string('=', 3000)}\r\nAuthorization: Basic Zm9vOmJhcg==\r\nConnection: close\r\n\r\n"),
            18 => ascii($"GET {path}%2e%2e%2f%2e%2e%2f HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 1.2.3.4, <script>, ::1\r\nX-Forwarded-Proto: javascript\r\nConnection: close\r\n\r\n"),
            _ => ascii($"GET {path} HTTP/1.1\r\nHost: [::1\r\nCookie: kring={new string('x', 4000)}; .AspNetCore.Antiforgery=%%%\r\nConnection: close\r\n\r\n"),
        };
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>One generated request.</summary>
    private sealed record FuzzCase(int Caller, string Method, string Route, string Path, byte[]? Body, string? ContentType, List<(string, string)> Headers, bool MayBeCut)
    {
        public override string ToString() =>
            $"caller {Caller}: {Method} {(Path.Length > 160 ? Path[..160] + "…" : Path)} [{ContentType}] " +
            string.Concat(Headers.Select(h => $"{h.Item1}: {(h.Item2.Length > 40 ? h.Item2[..40] + "…" : h.Item2)}; ")) +
            (Body is null ? "" : Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 200))));

        /// <summary>Routes to fuzz: the matrix's rows, with their patterns' placeholders to fill in.</summary>
        private static readonly (string Method, string Pattern)[] Routes = AuthorisationMatrixTests.Table
            .Select(r => (r.Method, r.Pattern))
            .Distinct()
            .ToArray();

        public static FuzzCase Next(Random random, int callers)
        {
            var caller = random.Next(callers);
            var (method, pattern) = Pick(random, Routes);
            // Signing out would end the fuzzing callers' own sessions; only callers without a session try it.
            if (method == "DELETE" && caller < Roles.Length) caller = Roles.Length + random.Next(callers - Roles.Length);
            // Each sign-in costs a password hash: keep them to about one in fifty.
            if (pattern == "/api/v1/session" && method == "POST" && random.Next(4) != 0) (method, pattern) = ("GET", "/api/v1/villages/{villageId}/overview");
            var headers = new List<(string, string)>();

            if (random.Next(25) == 0) method = Pick(random, ["PATCH", "OPTIONS", "HEAD", "TRACE", "FOO", "PUT", "DELETE", "POST", "GET"]);
            // Nor do they send any other DELETE: erasing a demo circle or volunteer cannot be undone.
            if (method == "DELETE" && caller < Roles.Length) method = "GET";
            // A hostile user name can be a demo account's ("vrijwilliger"), which the operator's session would block.
            if (pattern.EndsWith("/block", StringComparison.Ordinal) && caller < Roles.Length) pattern = pattern[..^"/block".Length] + "/unblock";
            // Or give it a new activation code, which replaces its password.
            if (pattern.EndsWith("/activation", StringComparison.Ordinal) && caller < Roles.Length) (method, pattern) = ("GET", "/api/v1/accounts");
            var path = FillPattern(random, pattern) + (random.Next(10) == 0 ? "?" + Query(random) : "");

            byte[]? body = null;
            string? contentType = null;
            var mayBeCut = false;
            if (method is "POST" or "PUT" or "PATCH" || random.Next(20) == 0)
            {
                (body, contentType, mayBeCut) = MakeBody(random, pattern);
            }
            AddHeaders(random, headers);
            return new FuzzCase(caller, method, pattern, path, body, contentType, headers, mayBeCut || body?.Length > 64 * 1024);
        }

        private static string FillPattern(Random random, string pattern)
        {
            var segments = pattern.Split('/');
            for (var i = 0; i < segments.Length; i++)
            {
                if (!segments[i].StartsWith('{')) continue;
                var valid = segments[i] switch
                {
                    "{villageId}" => Pick(random, ["elsloo", "stein", "urmond"]),
                    "{circleId}" => Pick(random, ["mine", "c-demo", "c-0001", "c-0002"]),
                    "{partnerId}" => Pick(random, ["piw", "de-brug"]),
                    "{requestId}" => "r-" + random.Next(1000),
                    "{offerId}" => $"r-{random.Next(1000)}~v-demo",
                    "{userName}" => "niemand-" + random.Next(1000),
                    // Out of range only: a year in range would let the consultant record an appreciation, which cannot be undone.
                    "{year:int}" => Pick(random, ["1999", "2101", "0", "-5"]),
                    _ => "x",
                };
                segments[i] = random.Next(2) == 0 ? valid : HostileId(random);
            }
            return string.Join('/', segments);
        }

        private static string HostileId(Random random) => random.Next(12) switch
        {
            0 => "..%2F..%2F..%2Fetc%2Fpasswd",
            1 => "%2e%2e",
            2 => "c-demo%00",
            3 => Uri.EscapeDataString(Pick(random, HostileStrings)),
            4 => new string('a', random.Next(100, 6000)),
            5 => "%ZZ%",
            6 => Uri.EscapeDataString("c-demo/../c-0001"),
            7 => Uri.EscapeDataString(Pick(random, ["😀", "ｅｌｓｌｏｏ", "ELSLOO", "elsloo ", "\u202Eoolsle", "c-dem\u00f6", "İ", "ß"])),
            8 => Pick(random, ["-1", "0", "99999999999999999999", "null", "undefined", "NaN", "true", "%20", "+"]),
            9 => Uri.EscapeDataString("' OR '1'='1' --"),
            10 => Uri.EscapeDataString("<script>alert(1)</script>"),
            _ => Uri.EscapeDataString("~" + random.Next()),
        };

        private static string Query(Random random) => random.Next(5) switch
        {
            0 => "month=" + Uri.EscapeDataString(Pick(random, HostileStrings)),
            1 => "weeks=" + Pick(random, ["-1", "0", "99999999999", "abc", "1e5", "", "1&weeks=2"]),
            2 => "format=" + Uri.EscapeDataString(Pick(random, ["xml", "csv", "json", "../x", "<b>"])),
            3 => string.Join('&', Enumerable.Range(0, random.Next(1, 200)).Select(n => $"k{n}=v{n}")),
            _ => Uri.EscapeDataString(Pick(random, HostileStrings)) + "=" + Uri.EscapeDataString(Pick(random, HostileStrings)),
        };

        private static void AddHeaders(Random random, List<(string, string)> headers)
        {
            if (random.Next(6) != 0) return;
            switch (random.Next(9))
            {
                case 0: headers.Add(("Idempotency-Key", Pick(random, ["", "a", new string('k', 200), "😀", "<x>", "' OR 1=1"]))); headers.Add(("Idempotency-Key", "tweede")); break;
                case 1: headers.Add(("Authorization", "Bearer " + Pick(random, ["", "x", "null", new string('A', 5000), "CfDJ8.evil"]))); break;
                case 2: headers.Add(("Authorization", "Basic dnJpandpbGxpZ2VyOmtyaW5nLWRlbW8=")); break;
                case 3: headers.Add(("Accept", Pick(random, ["text/html", "application/xml", "*/*;q=abc", "", "image/png, application/problem+json;q=0"]))); break;
                case 4: headers.Add(("X-Forwarded-For", Pick(random, ["not-an-ip", "1.2.3.4, 5.6.7.8, 9.9.9.9", "::1", "<script>", "999.999.999.999", ""]))); break;
                case 5: headers.Add(("X-Forwarded-Proto", Pick(random, ["https", "gopher", "", "https, http"]))); break;
                case 6: headers.Add(("Accept-Language", Pick(random, ["xx-YY", "nl-NL;q=2", new string('a', 2000), "*"]))); break;
                case 7: headers.Add(("Cookie", Pick(random, ["kring=garbage", "kring=", ".AspNetCore.Antiforgery.x=1; kring=CfDJ8", new string('c', 3000) + "=1"]))); break;
                default: headers.Add(("Idempotency-Key", Guid.NewGuid().ToString())); break;
            }
        }

        private static (byte[]? Body, string? ContentType, bool MayBeCut) MakeBody(Random random, string pattern)
        {
            var json = "application/json";
            var contentType = random.Next(8) switch
            {
                0 => Pick(random, ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                    "application/json; charset=utf-16", "application/json; charset=bogus", "application/problem+json", "", "*/*", "application/json, text/plain"]),
                1 => null,
                _ => json,
            };
            var roll = random.Next(20);
            if (roll == 0) return (Encoding.UTF8.GetBytes(Pick(random, BrokenJson)), contentType, false);
            if (roll == 1)
            {
                var depth = random.Next(50, 3000);
                return (Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)), contentType, false);
            }
            if (roll == 2)
            {
                // Just under or well over the 64 kB limit.
                var size = Pick(random, [60_000, 66_000, 200_000, 1_000_000]);
                return (Encoding.UTF8.GetBytes("{\"notes\":\"" + new string('x', size) + "\"}"), contentType, size > 64 * 1024);
            }
            if (roll == 3) return ([0xEF, 0xBB, 0xBF, (byte)'{', 0xC3, 0x28, (byte)'}'], contentType, false);
            if (roll == 4) return ([], contentType, false);
            var body = new JsonObject();
            foreach (var (field, valid) in Fields(random, pattern))
            {
                // Mostly plausible values, so some requests get past validation with hostile content in the other fields.
                body[field] = random.Next(100) < 70 && valid is not null ? valid : Hostile(random, 0);
            }
            if (random.Next(10) == 0) body[Pick(random, HostileStrings)] = Hostile(random, 0);
            var text = body.ToJsonString();
            // A duplicate key, which System.Text.Json reads as the last one.
            if (random.Next(15) == 0 && text.Length > 2) text = text[..^1] + (text.Length > 2 ? "," : "") + "\"kind\":1}";
            return (Encoding.UTF8.GetBytes(text), contentType, false);
        }

        /// <summary>The route's fields, each with a plausible value (null: always hostile).</summary>
        private static IEnumerable<(string, JsonNode?)> Fields(Random random, string pattern)
        {
            var start = DateTimeOffset.UtcNow.AddDays(random.Next(1, 60)).AddHours(random.Next(24));
            start = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, 0, 0, TimeSpan.Zero);
            if (pattern.EndsWith("/session", StringComparison.Ordinal))
            {
                yield return ("username", Pick(random, Roles));
                yield return ("password", null);
            }
            else if (pattern.EndsWith("/me/password", StringComparison.Ordinal))
            {
                yield return ("currentPassword", null);
                yield return ("newPassword", "een lang nieuw wachtwoord " + random.Next());
            }
            else if (pattern.EndsWith("/availability", StringComparison.Ordinal))
            {
                yield return ("weekly", new JsonArray(new JsonObject { ["day"] = Pick(random, ["monday", "friday"]), ["from"] = "09:00", ["to"] = "12:00" }));
                yield return ("daysOff", new JsonArray("2031-01-01"));
                yield return ("paused", false);
            }
            else if (pattern.EndsWith("/preferences", StringComparison.Ordinal))
            {
                yield return ("kinds", new JsonArray("buddy", "respite"));
                yield return ("skills", new JsonArray("dementia", "mobility", "parkinson"));
                yield return ("maxKm", 5);
            }
            else if (pattern == "/api/v1/circles")
            {
                // Never a village Kring knows: a registration must never be accepted here, since it cannot be undone.
                yield return ("village", null);
                yield return ("carerName", "Proef Persoon");
                yield return ("carerAge", 50);
                yield return ("careRecipientName", "Naaste Proef");
                yield return ("relationship", "partner");
                yield return ("needs", new JsonArray("dementia"));
                yield return ("phone", "06-12345678");
                yield return ("address", "Proefstraat 1");
            }
            else if (pattern.EndsWith("/requests", StringComparison.Ordinal))
            {
                yield return ("kind", Pick(random, ["buddy", "respite"]));
                yield return ("start", start.ToString("o"));
                yield return ("end", start.AddHours(random.Next(1, 4)).ToString("o"));
                yield return ("needs", new JsonArray("parkinson"));
                yield return ("notes", Pick(random, HostileStrings.Where(s => s.Length <= 1000).ToList()));
                if (random.Next(4) == 0) yield return ("repeat", new JsonObject { ["weeks"] = random.Next(1, 4) });
                if (random.Next(4) == 0) yield return ("urgent", true);
            }
            else if (pattern.EndsWith("/assign", StringComparison.Ordinal))
            {
                yield return ("volunteerId", "v-demo");
                yield return ("reason", null);
            }
            else if (pattern.EndsWith("/unassign", StringComparison.Ordinal)) yield return ("reason", null);
            else if (pattern.EndsWith("/checkins", StringComparison.Ordinal)) yield return ("answers", null);
            else yield return (Pick(random, HostileStrings), null);
        }

        private static JsonNode? Hostile(Random random, int depth) => random.Next(depth > 2 ? 6 : 9) switch
        {
            0 => null,
            1 => random.Next(2) == 0,
            2 => Pick(random, new JsonNode[] { -1, 0, int.MaxValue, long.MinValue, 1e308, -0.0, 3.14159, decimal.MaxValue }),
            3 or 4 or 5 => FilteredHostile(random),
            6 => new JsonArray(Enumerable.Range(0, random.Next(0, 40)).Select(_ => Hostile(random, depth + 1)).ToArray()),
            7 => new JsonObject(Enumerable.Range(0, random.Next(0, 8)).Select(i => KeyValuePair.Create($"{Pick(random, HostileStrings)}{i}", Hostile(random, depth + 1)))),
            _ => new string((char)random.Next(0x20, 0xD7FF), random.Next(1, 20_000)),
        };

        private static string FilteredHostile(Random random)
        {
            var s = Pick(random, HostileStrings);
            // Never a real village (a circle registration must stay impossible) and never the demo password.
            return VillageIds.Contains(s.Trim().ToLowerInvariant()) || s == "kring-demo" ? "nergens" : s;
        }

        private static readonly string[] BrokenJson =
        [
            "{", "}", "[", "{\"kind\":}", "{\"kind\":\"buddy\"", "{'kind':'buddy'}", "{\"kind\":\"buddy\",}", "null", "\"tekst\"", "123", "true",
            "{\"start\":NaN}", "{\"start\":Infinity}", "{\"a\":\"\\uD800\"}", "{\"a\":\"\\u00\"}", "{\"a\":01}", "{\"a\":1e99999}", "<xml/>",
            "kind=buddy&start=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--", "{\"weekly\":{\"day\":\"monday\"}}",
            "{\"needs\":\"parkinson\"}", "{\"repeat\":{\"weeks\":\"veel\"}}", "{\"answers\":[1,2,3]}", "{\"maxKm\":\"ver\"}", "\u0000\u0001\u0002",
        ];

        public static readonly string[] HostileStrings =
        [
            "", " ", "\t\n", "null", "undefined", "NaN", "-1", "0", "1e309", "99999999999999999999999", "true", "[]", "{}",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${7*7}", "<!--", "]]>", "</textarea><b>vet</b>",
            "' OR '1'='1", "'; DROP TABLE OrleansStorage; --", "1; SELECT * FROM KringSchema", "\" OR \"\"=\"", "admin'--", "%' UNION SELECT NULL--",
            "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2f", "/dev/null", "CON", "nul", "file:///etc/passwd",
            "😀🙃👨‍👩‍👧", "\u202Eevil", "ｍｏｎｄａｙ", "Ωmega", "\u0000", "\uFEFF", "e\u0301", "İstanbul", "straße", "مرحبا", "你好", "\u200B", "\r\n\r\nX-Injected: 1",
            "%s%s%s%n", "{0}{1}", "2027-13-45T25:61:00+01:00", "0000-00-00", "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00Z",
            "2027-03-01T10:00:00+99:99", "2027-03-01", "yesterday", "2027-03-01T10:00:00.00000000000001Z", "P1D", "25:00", "-01:00", "9:5",
            "monday", "maandag", "MONDAY ", "buddy", "respite", "taxi", "BUDDY", "parkinson", "Dementia", "c-demo", "mine", "v-demo", "elsloo", "piw",
            "kring-demo", "vrijwilliger", new string('x', 1000), new string('x', 1001), new string('é', 5000), new string('<', 3000),
        ];
    }
}
