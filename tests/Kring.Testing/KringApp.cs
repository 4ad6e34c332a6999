using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Kring.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Kring.Testing;

/// <summary>The real Kring web application with its embedded silo and SQLite, listening on a free loopback port.</summary>
public sealed class KringApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KringApp(WebApplication app, Uri address, string dataDirectory)
    {
        _app = app;
        Address = address;
        DataDirectory = dataDirectory;
    }

    public Uri Address { get; }
    public string DataDirectory { get; }

    /// <summary>The application's services, for tests that arrange state directly in the cluster (an extra account, say).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the application. Every test signs in from the same loopback address, many times a minute, so the
    /// sign-in rate limit is raised here; <paramref name="settings"/> (command-line style, such as
    /// "--Kring:Security:SignIn:PermitLimit=10") come last and win. The tests talk plain HTTP to loopback, where an
    /// HttpClient does not send Secure cookies back, so this is the one place they opt out of HTTPS-only cookies.
    /// </summary>
    public static Task<KringApp> Start(string? dataDirectory = null, params string[] settings) =>
        StartWith(dataDirectory, ["--Kring:Demo=true", "--Kring:Security:RequireHttps=false", .. settings]);

    /// <summary>Starts the application as a deployment would: no demo data unless configuration asks for it, HTTPS-only cookies.</summary>
    public static Task<KringApp> StartDeployed(params string[] settings) => StartWith(null, settings);

    private static async Task<KringApp> StartWith(string? dataDirectory, string[] settings)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "kring-test-" + Guid.NewGuid().ToString("N"));
        var app = KringWebApp.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--contentRoot", WebProjectDirectory,
            $"--Kring:DataDirectory={dataDirectory}",
            $"--Kring:SiloPort={FreePort()}",
            $"--Kring:GatewayPort={FreePort()}",
            "--Logging:LogLevel:Default=Warning",
            "--Kring:Security:SignIn:PermitLimit=100000",
            .. settings,
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KringApp(app, new Uri(address), dataDirectory);
    }

    public HttpClient Client(bool allowRedirects = false)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = allowRedirects,
            UseCookies = true,
            CookieContainer = new CookieContainer()
        };
        return new HttpClient(handler) { BaseAddress = Address };
    }

    public async Task<HttpClient> SignedIn(string userName, string password = "kring-demo")
    {
        var client = Client();
        var response = await client.PostAsJsonAsync("/api/v1/session", new { username = userName, password });
        response.EnsureSuccessStatusCode();
        var session = await response.Content.ReadFromJsonAsync<SessionJson>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session!.Token);
        return client;
    }

    /// <summary>
    /// What a new user does with the activation code they were handed: signs in with it, then chooses
    /// <paramref name="newPassword"/> (the code is the current password). Returns a client signed in with the new session.
    /// </summary>
    public async Task<HttpClient> Activate(string userName, string code, string newPassword)
    {
        var client = Client();
        var signIn = await client.PostAsJsonAsync("/api/v1/session", new { username = userName, password = code });
        signIn.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await signIn.Content.ReadFromJsonAsync<SessionJson>())!.Token);
        var changed = await client.PutAsJsonAsync("/api/v1/me/password", new { currentPassword = code, newPassword });
        changed.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await changed.Content.ReadFromJsonAsync<SessionJson>())!.Token);
        return client;
    }

    /// <summary>The one-time activation code in the answer that made an account.</summary>
    public static async Task<string> ActivationCode(HttpResponseMessage created)
    {
        var body = await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("activationCode").GetString() ?? throw new InvalidOperationException("The answer has no activation code.");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>src/Kring.Web, so pages get their style sheet as they do for a user.</summary>
    private static string WebProjectDirectory => Path.Combine(Repository.Root, "src", "Kring.Web");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public sealed record SessionJson(string Token);
}

/// <summary>One running application shared by the tests of a collection: it seeds 900 circles, so start it once.</summary>
public sealed class SharedApp : IAsyncLifetime
{
    public KringApp App { get; private set; } = default!;

    public async ValueTask InitializeAsync() => App = await KringApp.Start();

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
