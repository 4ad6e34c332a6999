namespace Kring.Grains;

/// <summary>How long Kring keeps what it no longer needs. Section "Kring:Retention".</summary>
public sealed class RetentionOptions
{
    public const string Section = "Kring:Retention";

    /// <summary>
    /// Closed requests (matched and over, cancelled, expired) and volunteers' past bookings, counted from when they
    /// closed.
    /// </summary>
    public TimeSpan ClosedRequests { get; set; } = TimeSpan.FromDays(365);
    /// <summary>Access-log entries, counted from their last view. Nothing else removes them.</summary>
    public TimeSpan AccessLog { get; set; } = TimeSpan.FromDays(730);
    /// <summary>Balance check-ins: answers about a carer's burden, so health data, kept only while the trend still helps.</summary>
    public TimeSpan CheckIns { get; set; } = TimeSpan.FromDays(730);
    /// <summary>The security event log: sign-ins, throttling, accounts, erasures and exports.</summary>
    public TimeSpan SecurityEvents { get; set; } = TimeSpan.FromDays(730);
    /// <summary>Volunteers' applications and carers' registrations nobody answered: personal data kept for no purpose.</summary>
    public TimeSpan Unanswered { get; set; } = TimeSpan.FromDays(90);
}
