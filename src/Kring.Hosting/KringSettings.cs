namespace Kring.Hosting;

/// <summary>The "Kring" configuration section (environment variables: Kring__DataDirectory and so on).</summary>
public sealed class KringSettings
{
    public const string Section = "Kring";

    /// <summary>Where the embedded default keeps its SQLite database and keys. Relative paths start at the working directory.</summary>
    public string DataDirectory { get; set; } = "data";
    /// <summary>
    /// Load the fictional population and the demo accounts on first start. Off unless asked for: `dotnet run` asks for it
    /// through the Development environment (launchSettings.json, appsettings.Development.json).
    /// </summary>
    public bool Demo { get; set; }
    /// <summary>
    /// The municipalities to load from seeds/ (Kring__Municipalities__0=stein, …); empty loads every folder there.
    /// </summary>
    public List<string> Municipalities { get; set; } = [];
    public string ServiceId { get; set; } = "kring";
    public string ClusterId { get; set; } = "kring-embedded";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    /// <summary>Cluster mode: the Npgsql connection string for membership, grain state and reminders (Kring__PostgreSql).</summary>
    public string? PostgreSql { get; set; }
    /// <summary>
    /// Cluster mode: the address this silo gives the others. Loopback runs every silo on one machine; empty means this
    /// host's own IPv4 address (a container's).
    /// </summary>
    public string AdvertisedIp { get; set; } = "127.0.0.1";
    /// <summary>Mutual TLS on the silo and gateway ports (see <see cref="ClusterCertificate"/>).</summary>
    public CertificateSettings ClusterTls { get; set; } = new();
    /// <summary>The certificate that encrypts the data-protection key ring (see <see cref="KeyRingCertificate"/>).</summary>
    public CertificateSettings KeyRing { get; set; } = new();
    /// <summary>The operator account a new deployment starts with (see <see cref="Seeding.SeedHostedService"/>).</summary>
    public FirstOperatorSettings FirstOperator { get; set; } = new();

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
    public string SqlitePath => Path.Combine(FullDataDirectory, "kring.db");
    public string SqliteConnectionString => $"Data Source={SqlitePath};Cache=Shared;Pooling=True";
}

/// <summary>A PKCS#12 (.pfx) file with its private key, and the file's password (empty when it has none).</summary>
public sealed class CertificateSettings
{
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
}

/// <summary>
/// Kring:FirstOperator:UserName and :Password (from the environment or a secret store) create one operator account at
/// start when no account of that name exists; it is never changed afterwards, so the operator changes the password
/// and signs up everyone else.
/// </summary>
public sealed class FirstOperatorSettings
{
    public const int MinPasswordLength = 12;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string DisplayName { get; set; } = "Beheerder";
}
