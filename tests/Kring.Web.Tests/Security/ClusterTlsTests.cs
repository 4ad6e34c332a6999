using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Kring.Hosting;
using Kring.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Kring.Web.Tests.Security;

/// <summary>
/// The embedded silo's ports (silo and gateway, on loopback) speak mutual TLS with the certificate in the data
/// directory: another local user's Orleans client gets in only with that file.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ClusterTlsTests(SharedApp shared)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private KringApp App => shared.App;
    private string CertificatePath => Path.Combine(App.DataDirectory, ClusterCertificate.FileName);
    private EndpointOptions Endpoints => App.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;

    [Fact]
    public async Task An_Orleans_client_with_the_certificate_calls_grains_and_one_without_it_is_refused()
    {
        using var stranger = CertificateFile.NewTlsCertificate(ClusterCertificate.Subject);
        using var trusted = CertificateFile.Load(CertificatePath, password: null);

        // Plain TCP, as any Orleans client does by default:
        await OrleansClient.AssertRefused(Gateway, Patience);
        // TLS with a certificate of its own (same subject, another key), and no care about which server it reaches:
        await OrleansClient.AssertRefused(client => Gateway(client.UseTls(stranger, o => o.AllowAnyRemoteCertificate())), Patience);

        using var host = OrleansClient.Build(client => Gateway(client.UseClusterTls(trusted)));
        using var hang = new CancellationTokenSource(Patience);
        await host.StartAsync(hang.Token);
        var directory = host.Services.GetRequiredService<IClusterClient>().GetGrain<IDirectoryGrain>(DirectoryKeys.Default);
        var villages = await directory.GetVillages().WaitAsync(hang.Token);
        Assert.Contains(villages, v => v.Id == "elsloo");
        await host.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_silo_port_completes_a_TLS_handshake_only_for_the_certificate_and_shows_that_certificate()
    {
        using var trusted = CertificateFile.Load(CertificatePath, password: null);
        using var stranger = CertificateFile.NewTlsCertificate(ClusterCertificate.Subject);

        await using (var accepted = await Handshake(Endpoints.SiloPort, trusted, pinned: trusted))
        {
            Assert.True(accepted.IsMutuallyAuthenticated);
            Assert.True(ClusterCertificate.IsPinned(trusted, new X509Certificate2(accepted.RemoteCertificate!)));
        }
        foreach (var client in new[] { stranger, null })
        {
            // In TLS 1.3 the client's side of the handshake ends before the server has judged its certificate; the
            // server's verdict is the alert (or closed connection) that follows.
            var refusal = await Record.ExceptionAsync(async () =>
            {
                await using var refused = await Handshake(Endpoints.SiloPort, client, pinned: trusted);
                var read = await refused.ReadAsync(new byte[1]).AsTask().WaitAsync(Patience);
                if (read == 0) throw new IOException("The silo closed the connection.");
            });
            Assert.True(
                refusal is AuthenticationException or IOException, $"Expected a refused handshake, got {refusal?.ToString() ?? "none"}");
        }
    }

    [Fact]
    public void The_certificate_file_is_readable_by_its_owner_only()
    {
        Assert.True(File.Exists(CertificatePath));
        if (OperatingSystem.IsWindows()) return;
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(CertificatePath));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(App.DataDirectory, KeyRingCertificate.FileName)));
    }

    /// <summary>An Orleans client of the embedded gateway.</summary>
    private void Gateway(IClientBuilder client)
    {
        var settings = new KringSettings();
        client.UseLocalhostClustering(Endpoints.GatewayPort, settings.ServiceId, settings.ClusterId);
    }

    /// <summary>A TLS handshake with the given port that accepts only the pinned certificate as the server's.</summary>
    private static async Task<SslStream> Handshake(int port, X509Certificate2? certificate, X509Certificate2 pinned)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "kring",
                ClientCertificates = certificate is null ? null : [certificate],
                // The certificate is self-signed, so the chain is never trusted: only the pin decides.
                RemoteCertificateValidationCallback = (_, server, _, _) =>
                    server is not null && ClusterCertificate.IsPinned(pinned, new X509Certificate2(server)),
            }).WaitAsync(Patience);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync();
            throw;
        }
    }
}
