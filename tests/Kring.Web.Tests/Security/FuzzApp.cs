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
