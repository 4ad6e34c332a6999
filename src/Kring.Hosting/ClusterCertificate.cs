using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Kring.Hosting;

/// <summary>
/// Mutual TLS on the silo and gateway ports. Every silo and every client (the web in cluster mode) shows the same
/// cluster certificate, and each side accepts only a peer that shows exactly that certificate: it is pinned by its
/// SHA-256 hash, so no certificate authority, host name or store is involved, and a client without the file is refused
/// during the handshake, before Orleans reads a byte.
/// </summary>
public static class ClusterCertificate
{
    public const string FileName = "cluster.pfx";
    public const string Subject = "CN=kring-cluster";

    /// <summary>
    /// Kring:ClusterTls:CertificatePath when set. Otherwise the embedded default makes its own in the data directory on
    /// first start; cluster mode refuses to start, because every node must be given the same one.
    /// </summary>
    public static X509Certificate2 For(KringSettings settings, bool clusterMode)
    {
        if (settings.ClusterTls.CertificatePath is { Length: > 0 } path)
        {
            return CertificateFile.Load(path, settings.ClusterTls.CertificatePassword);
        }
        if (clusterMode)
        {
            throw new InvalidOperationException(
                "Cluster mode needs the cluster certificate that every silo and the web share: " +
                "a .pfx file in Kring:ClusterTls:CertificatePath " +
                "(Kring__ClusterTls__CertificatePath) and its password in Kring:ClusterTls:CertificatePassword. " +
                "`dotnet Kring.Silo.dll cluster-certificate cluster.pfx` makes one; README.md, \"Cluster TLS\", shows how with openssl.");
        }
        return CertificateFile.LoadOrCreate(
            Path.Combine(settings.FullDataDirectory, FileName), () => CertificateFile.NewTlsCertificate(Subject));
    }

    /// <summary>
    /// Makes a new cluster certificate file for a deployment to share; an existing file is kept. Returns whether it
    /// made one.
    /// </summary>
    public static bool CreateFile(string path, string? password)
    {
        if (File.Exists(path)) return false;
        using var certificate = CertificateFile.NewTlsCertificate(Subject);
        CertificateFile.Save(certificate, path, password);
        return true;
    }

    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, X509Certificate2 certificate) =>
        silo.UseTls(options => Configure(options, certificate));

    public static IClientBuilder UseClusterTls(this IClientBuilder client, X509Certificate2 certificate) =>
        client.UseTls(options => Configure(options, certificate));

    /// <summary>Whether <paramref name="remote"/> is <paramref name="trusted"/> itself (the same DER bytes).</summary>
    public static bool IsPinned(X509Certificate2 trusted, X509Certificate2 remote) =>
        trusted.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(remote.GetCertHash(HashAlgorithmName.SHA256));

    private static void Configure(TlsOptions options, X509Certificate2 certificate)
    {
        options.LocalCertificate = certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        // A self-signed certificate always has chain errors; the pin replaces the chain as the reason to trust.
        options.RemoteCertificateValidation = (remote, _, _) => IsPinned(certificate, remote);
    }
}
