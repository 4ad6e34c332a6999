namespace Kring;

/// <summary>What one retention sweep removed.</summary>
[GenerateSerializer, Alias("kring.RetentionReport")]
public sealed record RetentionReport(
    [property: Id(0)] int Requests,
    [property: Id(1)] int Assignments,
    [property: Id(2)] int AccessEntries,
    [property: Id(3)] int CheckIns = 0,
    [property: Id(4)] int SecurityEvents = 0,
    /// <summary>Volunteers' applications and carers' registrations that nobody answered in time, declined by the sweep.</summary>
    [property: Id(5)] int Unanswered = 0);
