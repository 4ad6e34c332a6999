using System.Security.Cryptography.X509Certificates;
using Kring.Hosting;

namespace Kring.Cluster.Tests;

/// <summary>
/// The cluster certificate that the tests' silos, web and clients share, as a deployment's do: one .pfx file with a
/// password (Kring:ClusterTls), made once per test run in the temporary directory.
/// </summary>
public static class TestCertificate
{
    public const string Password = "kring-tests";

    private static readonly Lazy<string> File = new(() =>
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"kring-cluster-tests-{Guid.NewGuid():N}",
            ClusterCertificate.FileName);
        ClusterCertificate.CreateFile(path, Password);
        return path;
    });

    public static string Path => File.Value;

    public static X509Certificate2 Load() => CertificateFile.Load(Path, Password);
}
