using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Cluster.Tests.Processes;

namespace Kring.Cluster.Tests;

/// <summary>
/// A PostgreSQL database written by the previous version of Kring loads in this one, with its accounts, requests and
/// bookings. Fixtures/kring-postgresql-2026-11-30.sql.gz is pg_dump's output of a one-silo cluster of commit 66bdbd4
/// with the demo, after the demo volunteer set a weekly availability, the demo carer filed a single request, a
/// three-week series, another single request and two two-week series in September and October 2027, the volunteer
/// accepted the second single request and the first week of the last series, and the operator made a village contact
/// account that chose its own password. The membership tables were left empty. Stored type names, state names and
/// [Alias] values must stay readable; when a stored shape has to change, migrate it and keep this test green.
/// </summary>
[Collection(ProcessesCollection.Name)]
public sealed class StateCompatibilityTests(PostgresServer server, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private const string Fixture = "kring-postgresql-2026-11-30.sql.gz";
    private const string Alone = "r-888510405fd14af58bac4ac581fbfc24";
    private const string BookedAlone = "r-b2c834a6ae8f413580577dbdc6d220ec";
    private const string BookedSeries = "r-b77860f2f94143dd87502cf92bd23287";
    private static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_postgresql_database_of_the_previous_version_keeps_its_accounts_requests_and_bookings()
    {
        var database = await server.RestoreDatabase(Path.Combine(AppContext.BaseDirectory, "Fixtures", Fixture));
        await using var cluster = await ProcessCluster.Start(database, "compat", 1, Artefacts.For("state-compatibility"),
            new Dictionary<string, string>(), output);

        using var carer = await cluster.SignIn("mantelzorger", HttpTimeout);
        var circle = await carer.GetFromJsonAsync<JsonElement>("/api/v1/circles/mine");
        var requests = circle.GetProperty("requests").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(9, requests.Count);
        Assert.Equal("Naar de huisarts", requests[Alone].GetProperty("notes").GetString());
        Assert.Equal("v-demo", requests[BookedAlone].GetProperty("volunteerId").GetString());
        Assert.Equal("v-demo", requests[BookedSeries + "-w1"].GetProperty("volunteerId").GetString());
        Assert.Equal(2, requests.Keys.Count(id => id.StartsWith(BookedSeries + "-w", StringComparison.Ordinal)));

        using var volunteer = await cluster.SignIn("vrijwilliger", HttpTimeout);
        var bookings = await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/assignments");
        Assert.Equal([BookedAlone, BookedSeries + "-w1"],
            bookings.EnumerateArray().Select(b => b.GetProperty("requestId").GetString()).Order(StringComparer.Ordinal).ToArray());
        var availability = await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/availability");
        Assert.Equal(7, availability.GetProperty("weekly").GetArrayLength());

        using var anonymous = new HttpClient { BaseAddress = cluster.Web.Address, Timeout = HttpTimeout };
        using var signIn = await anonymous.PostAsJsonAsync("/api/v1/session",
            new { username = "dorp-stein-oud", password = "Een-lang-wachtwoord-van-toen" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }
}
