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
/// Thousands of malformed and hostile requests against every API route (the routes of the authorisation matrix), from
/// every role, an anonymous caller and a forged token: wrong types, huge strings, unicode, HTML and script, SQL-ish
/// strings, broken JSON, wrong content types, impossible dates, path-traversal ids, repeated and oversized headers, and
/// a few hundred requests that are not even valid HTTP. Generated from a fixed seed, so every run sends the same
/// requests. Nothing may answer 5xx or hang, and afterwards the state is what it was: the village overviews, the demo
/// circle and volunteer, the coordinator's queue. A request that was accepted must be valid; it is checked and cancelled.
/// </summary>
public sealed partial class FuzzTests(FuzzApp fixture, ITestOutputHelper output) : IClassFixture<FuzzApp>
{
    public const int Seed = 20261123;
    public const int HttpRequests = 10_000;
    public const int RawRequests = 400;
    private const int Parallelism = 8;

    private KringApp App => fixture.App;

    private static readonly string[] Roles = ["vrijwilliger", "mantelzorger", "consulent", "dorp-elsloo", "beheerder", "coordinator"];
    private static readonly string[] Kinds = ["buddy", "respite"];
    private static readonly string[] LiveStatuses = ["open", "offered", "matched"];
    private static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
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

        var villages = (await consultant.GetFromJsonAsync<JsonElement>("/api/v1/villages?municipality=stein")).EnumerateArray()
            .Select(v => v.GetProperty("id").GetString()!);
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
            if (status.Code is >= 200 and < 300 && c.Method is "PUT" or "POST" or "DELETE") accepted.Enqueue(
                $"{status.Code} {c.Method} {c.Route}");
        });
        await Parallel.ForEachAsync(raw, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (bytes, _) =>
        {
            var code = await SendRaw(bytes);
            rawStatuses.AddOrUpdate(code, 1, (_, n) => n + 1);
            if (code >= 500 || code == 0) serverErrors.Enqueue(
                $"{code} raw: {Encoding.Latin1.GetString(bytes)[..Math.Min(120, bytes.Length)]}");
        });
        var elapsed = DateTime.UtcNow - started;

        output.WriteLine($"Sent {cases.Count} HTTP requests and {raw.Count} raw ones in {elapsed.TotalSeconds:0.0} s (seed {Seed}).");
        output.WriteLine(
            "HTTP statuses (-1: an oversized body, the server answered 413 and closed the connection while it was still being sent): " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        output.WriteLine("Raw statuses (-1: the server closed the connection without an answer): " +
            string.Join(", ", rawStatuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        output.WriteLine($"Accepted changes: {accepted.Count}; " + string.Join(", ", accepted.GroupBy(a => a)
            .Select(g => $"{g.Key}×{g.Count()}")));
        Assert.True(serverErrors.IsEmpty, $"{serverErrors.Count} requests got a server error or no answer:\n"
            + string.Join("\n", serverErrors.Take(40)));

        // Every session is intact: nothing the fuzzer sent could sign anybody out or change a password.
        for (var i = 0; i < Roles.Length; i++) Assert.Equal(HttpStatusCode.OK, (await callers[i].GetAsync("/api/v1/me")).StatusCode);
        await CancelCreatedAndCompare(callers, created, before);
    }

    /// <summary>Accepted help requests are valid; then they are cancelled, which puts the state back.</summary>
    private async Task CancelCreatedAndCompare(List<HttpClient> callers, ConcurrentQueue<string> created, State before)
    {
        var consultant = callers[2];
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
            await Eventually.Get(
                async () => (await Snapshot(consultant, callers[0], callers[5], createdIds)).Equals(expected) ? "same" : null,
                "the state to be what it was before the fuzzing", TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            Assert.Equal(expected.Describe(), (await Snapshot(consultant, callers[0], callers[5], createdIds)).Describe());
        }
    }

    /// <summary>A client that sends header values as UTF-8 (the default refuses anything but ASCII before sending), with a bearer token or
    /// none.</summary>
    private HttpClient Client(string? token)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8
        };
        var client = new HttpClient(handler) { BaseAddress = App.Address };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static void AssertValidRequest(JsonElement r, string where)
    {
        Assert.Contains(r.GetProperty("kind").GetString(), Kinds);
        var start = r.GetProperty("start").GetDateTimeOffset();
        var end = r.GetProperty("end").GetDateTimeOffset();
        Assert.True(start < end && end - start <= TimeSpan.FromHours(12), $"{where}: {start} – {end}");
        Assert.InRange(start, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddYears(1).AddDays(7 * 53));
        var needs = r.GetProperty("needs").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.True(needs.Count <= 10 && needs.All(n => n.Length is > 0 and <= 40 && n.All(c => char.IsAsciiLetterLower(c) || c == '-')),
            $"{where}: needs {string.Join(",", needs)}");
        if (r.GetProperty("notes").GetString() is { } notes) Assert.True(notes.Length <= 1000 && notes == notes.Trim() && notes.Length > 0,
            where);
        Assert.Contains(r.GetProperty("status").GetString(), LiveStatuses);
    }

    /// <summary>Whatever availability and preferences the fuzzer managed to store must be valid; then the originals go back.</summary>
    private static async Task AssertAndRestoreVolunteer(HttpClient volunteer, State before)
    {
        var availability = await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/availability");
        foreach (var slot in availability.GetProperty("weekly").EnumerateArray())
        {
            Assert.Contains(slot.GetProperty("day").GetString(), Days);
            Assert.True(TimeOnly.Parse(slot.GetProperty("from").GetString()!, CultureInfo.InvariantCulture) < TimeOnly.Parse(
                slot.GetProperty("to").GetString()!, CultureInfo.InvariantCulture), slot.ToString());
        }
        Assert.True(availability.GetProperty("weekly").GetArrayLength() <= 28);
        var preferences = await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/preferences");
        Assert.All(preferences.GetProperty("kinds").EnumerateArray(), k => Assert.Contains(k.GetString(), Kinds));
        Assert.InRange(preferences.GetProperty("maxKm").GetDouble(), 1, 25);

        (await volunteer.PutAsync("/api/v1/volunteers/me/availability", Json(before.Availability))).EnsureSuccessStatusCode();
        (await volunteer.PutAsync("/api/v1/volunteers/me/preferences", Json(before.Preferences))).EnsureSuccessStatusCode();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
