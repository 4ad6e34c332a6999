using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests;

/// <summary>
/// A database written by an earlier version of Kring loads in this one, with its accounts, requests and bookings.
/// Fixtures/kring-2026-11-30.db.gz is the SQLite file of the embedded default with the demo (commit 40f7cfa), after the
/// demo carer filed a request and a three-week series for September 2027, the demo volunteer accepted two of them, and
/// the operator signed up a village contact with a password of their own. Stored type names, state names and [Alias]
/// values must stay readable; when a stored shape has to change, migrate it and keep this test green.
/// </summary>
public sealed class StateCompatibilityTests
{
    private const string Fixture = "kring-2026-11-30.db.gz";
    private const string Booked = "r-4b3309cc2fcb4a77ad707f47224602f7-w1";
    private const string BookedAlone = "r-7dcb5b16cbff406c9b2fd4450cedbec7";

    [Fact]
    public async Task A_database_of_the_previous_version_keeps_its_accounts_requests_and_bookings()
    {
        using var data = new TempDirectory();
        var dataDirectory = data.Path;
        Directory.CreateDirectory(dataDirectory);
        var fixture = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", Fixture));
        await using (var source = new GZipStream(fixture, CompressionMode.Decompress))
        await using (var target = File.Create(Path.Combine(dataDirectory, "kring.db")))
        {
            await source.CopyToAsync(target);
        }

        await using var app = await KringApp.Start(dataDirectory);

        var carer = await app.SignedIn("mantelzorger");
        var circle = await carer.GetFromJsonAsync<JsonElement>("/api/v1/circles/mine");
        var requests = circle.GetProperty("requests").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(5, requests.Count);
        Assert.Equal("v-demo", requests[Booked].GetProperty("volunteerId").GetString());
        Assert.Equal("v-demo", requests[BookedAlone].GetProperty("volunteerId").GetString());
        Assert.Equal("Naar de huisarts", requests[BookedAlone].GetProperty("notes").GetString());
        Assert.Equal(3, requests.Keys.Count(id => id.StartsWith("r-4b3309cc2fcb4a77ad707f47224602f7-w", StringComparison.Ordinal)));

        var volunteer = await app.SignedIn("vrijwilliger");
        var bookings = await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/assignments");
        Assert.Equal([Booked, BookedAlone],
            bookings.EnumerateArray().Select(b => b.GetProperty("requestId").GetString()).Order(StringComparer.Ordinal).ToArray());
        var availability = await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/availability");
        Assert.Equal(7, availability.GetProperty("weekly").GetArrayLength());

        var signIn = await app.Client().PostAsJsonAsync("/api/v1/session",
            new { username = "dorp-stein-oud", password = "Een-lang-wachtwoord-van-toen" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }
}
