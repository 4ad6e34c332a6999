using Kring.Grains.Mail;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kring.Hosting.Mail;

/// <summary>
/// Kring:PublicUrl, or else the address this process's web server listens on (the embedded default co-hosts it), or
/// else http://localhost:5080. A silo of a cluster serves no pages, so a cluster sets Kring:PublicUrl.
/// </summary>
public sealed class PublicAddress(IConfiguration configuration, IServiceProvider services) : IPublicAddress
{
    private Uri? _resolved;

    public Uri Base => _resolved ??= Resolve();

    private Uri Resolve()
    {
        if (configuration["Kring:PublicUrl"] is { Length: > 0 } configured) return new Uri(configured.TrimEnd('/') + "/");
        var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (listening is null) return new Uri("http://localhost:5080/");
        var address = listening
            .Replace("://0.0.0.0", "://localhost")
            .Replace("://[::]", "://localhost")
            .Replace("://+", "://localhost")
            .Replace("://*", "://localhost");
        return new Uri(address.TrimEnd('/') + "/");
    }
}
