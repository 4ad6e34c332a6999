using System.Security.Cryptography.X509Certificates;

namespace Kring.Hosting;

/// <summary>
/// The certificate that encrypts ASP.NET Core's data-protection key ring at rest (the keys that sign cookies and
/// antiforgery tokens). Kring:KeyRing:CertificatePath when set, so the certificate can live apart from the keys;
/// otherwise one made on first start in the data directory.
/// </summary>
public static class KeyRingCertificate
{
    public const string FileName = "keyring.pfx";
    public const string Subject = "CN=kring-keyring";

    public static X509Certificate2 For(KringSettings settings)
    {
        var certificate = settings.KeyRing.CertificatePath is { Length: > 0 } path
            ? CertificateFile.Load(path, settings.KeyRing.CertificatePassword)
            : CertificateFile.LoadOrCreate(
                Path.Combine(settings.FullDataDirectory, FileName), () => CertificateFile.NewEncryptionCertificate(Subject));
        using var rsa = certificate.GetRSAPublicKey();
        return rsa is not null
            ? certificate
            : throw new InvalidOperationException(
                "The key ring certificate (Kring:KeyRing:CertificatePath) must have an RSA key: XML encryption wraps its keys with RSA.");
    }
}
