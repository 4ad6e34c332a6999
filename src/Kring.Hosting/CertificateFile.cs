using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kring.Hosting;

/// <summary>
/// Certificates kept as PKCS#12 (.pfx) files: loaded from a path, or made once (self-signed) and kept readable for the
/// owner only (0600 on Unix).
/// </summary>
public static class CertificateFile
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(5 * 365);

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"The certificate file {Path.GetFullPath(path)} does not exist.");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"The certificate file {Path.GetFullPath(path)} has no private key.");
    }

    /// <summary>
    /// The certificate at <paramref name="path"/>; when there is none yet, a new one from <paramref name="create"/>,
    /// saved there first.
    /// </summary>
    public static X509Certificate2 LoadOrCreate(string path, Func<X509Certificate2> create)
    {
        if (!File.Exists(path))
        {
            using var created = create();
            Save(created, path, password: null);
        }
        return Load(path, password: null);
    }

    /// <summary>
    /// Writes the certificate with its private key to a new file. It is written under a temporary name and then moved, so a
    /// crash never leaves half a file; when another process saved one first, that one stays.
    /// </summary>
    public static void Save(X509Certificate2 certificate, string path, string? password)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        using (var file = new FileStream(temporary, options))
        {
            file.Write(certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password));
        }
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }

    /// <summary>For mutual TLS: ECDSA P-256, usable as both server and client certificate.</summary>
    public static X509Certificate2 NewTlsCertificate(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication"), new Oid("1.3.6.1.5.5.7.3.2", "Client Authentication")],
            critical: false));
        return SelfSigned(request);
    }

    /// <summary>For encrypting XML (the data-protection key ring): RSA 2048, because XML encryption wraps its key with RSA.</summary>
    public static X509Certificate2 NewEncryptionCertificate(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        return SelfSigned(request);
    }

    private static X509Certificate2 SelfSigned(CertificateRequest request)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(
            certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        // A day back, so a peer whose clock is slightly behind accepts it at once.
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now + Validity);
    }
}
