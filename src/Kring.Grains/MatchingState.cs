namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.OutstandingOffer")]
public sealed record OutstandingOffer(
    [property: Id(0)] string OfferId,
    [property: Id(1)] string VolunteerId,
    [property: Id(2)] DateTimeOffset ExpiresAt);

[GenerateSerializer, Alias("kring.state.PendingMatch")]
public sealed class PendingMatch
{
    [Id(0)] public RequestSummary Request { get; set; } = default!;
    /// <summary>Every volunteer who has had an offer for this request, so nobody is asked twice.</summary>
    [Id(1)] public HashSet<string> Tried { get; set; } = [];
    [Id(2)] public Dictionary<string, OutstandingOffer> Outstanding { get; set; } = new();
    /// <summary>The current <see cref="Matching.Reach"/>, stored as its number.</summary>
    [Id(3)] public int Reach { get; set; }
    /// <summary>The partner whose coordinator queue holds this request, once matching escalated it.</summary>
    [Id(4)] public string? EscalatedTo { get; set; }
    /// <summary>For a recurring request: the volunteer who took an earlier occurrence, asked first.</summary>
    [Id(5)] public string? PreferredVolunteer { get; set; }
}

[GenerateSerializer, Alias("kring.state.Matching")]
public sealed class MatchingState
{
    /// <summary>Only in the state of earlier versions: each pending request now has a row of its own.</summary>
    [Id(0)] public Dictionary<string, PendingMatch> Pending { get; set; } = new();
    /// <summary>Offers that lapsed on one day (Amsterdam time), for the operator's page; counts only.</summary>
    [Id(1)] public DateOnly LapsedDay { get; set; }
    [Id(2)] public int LapsedOnDay { get; set; }
}
