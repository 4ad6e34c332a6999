namespace Kring.Grains;

/// <summary>
/// Limits on what one circle can write, kept by the grain that owns the data, so two web servers cannot race past
/// them. Section "Kring:Limits" (the web's per-user write rate is in the same section).
/// </summary>
public sealed class LimitOptions
{
    public const string Section = "Kring:Limits";

    /// <summary>Open, offered and matched requests that still lie ahead, per circle; every occurrence of a series counts.</summary>
    public int OpenRequestsPerCircle { get; set; } = 60;
    /// <summary>Balance check-ins per circle per calendar day in Amsterdam.</summary>
    public int CheckInsPerDay { get; set; } = 3;
}
