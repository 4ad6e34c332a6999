namespace Kring;

[GenerateSerializer, Alias("kring.AccountRecord")]
public sealed record AccountRecord(
    [property: Id(0)] string UserName,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string PasswordHash,
    [property: Id(3)] Role Role,
    [property: Id(4)] string? VillageId,
    [property: Id(5)] string? VolunteerId,
    [property: Id(6)] string? CircleId,
    [property: Id(7)] string? PartnerId,
    // Changes when the password changes or the user signs out everywhere; cookies and tokens carry it.
    [property: Id(8)] string? SecurityStamp = null,
    /// <summary>Where Kring mails staff, such as a coordinator's daily digest of their queue.</summary>
    [property: Id(9)] string? Email = null,
    /// <summary>
    /// Set while <see cref="PasswordHash"/> holds a one-time activation code, valid until then; cleared once the user
    /// chose a password.
    /// </summary>
    [property: Id(10)] DateTimeOffset? ActivationExpiresAt = null,
    /// <summary>
    /// The municipality (a seed folder's region id) a staff account works for; null for everyone else and for the platform's
    /// own operators, who see every municipality.
    /// </summary>
    [property: Id(11)] string? MunicipalityId = null);
