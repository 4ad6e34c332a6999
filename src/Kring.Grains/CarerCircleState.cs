namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.HelpRequest")]
public sealed class HelpRequestRecord
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public HelpKind Kind { get; set; }
    [Id(2)] public DateTimeOffset Start { get; set; }
    [Id(3)] public DateTimeOffset End { get; set; }
    [Id(4)] public List<string> Needs { get; set; } = [];
    [Id(5)] public string? Notes { get; set; }
    [Id(6)] public string RequestedBy { get; set; } = "";
    [Id(7)] public RequestStatus Status { get; set; }
    [Id(8)] public string? VolunteerId { get; set; }
    [Id(9)] public string? OfferId { get; set; }
    [Id(10)] public DateTimeOffset CreatedAt { get; set; }
    [Id(11)] public List<RequestEvent> History { get; set; } = [];
    [Id(12)] public int Priority { get; set; }
    [Id(13)] public string? SeriesId { get; set; }
    /// <summary>Who is coming, as the matched volunteer introduced themselves.</summary>
    [Id(14)] public HelperIntroduction? Helper { get; set; }
    [Id(15)] public double? HoursGiven { get; set; }
    [Id(16)] public bool HoursAssumed { get; set; }
    /// <summary>The partner whose coordinator took the request over, once matching escalated it.</summary>
    [Id(17)] public string? EscalatedTo { get; set; }
    /// <summary>Until then only the circle's own people see the request; matching leaves it alone.</summary>
    [Id(18)] public DateTimeOffset? CircleFirstUntil { get; set; }
}

[GenerateSerializer, Alias("kring.state.CarerCircle")]
public sealed class CarerCircleState
{
    [Id(0)] public CircleProfile? Profile { get; set; }
    /// <summary>Volunteers who helped this circle, most recent first.</summary>
    [Id(1)] public List<string> Helpers { get; set; } = [];
    [Id(2)] public Dictionary<string, HelpRequestRecord> Requests { get; set; } = new();
    [Id(3)] public string Region { get; set; } = "";
    /// <summary>The carer is flagged as overloaded: their requests go first.</summary>
    [Id(4)] public bool Overloaded { get; set; }
    [Id(5)] public List<CheckIn> CheckIns { get; set; } = [];
    /// <summary>When the circle was erased; its profile then holds only the id and the village.</summary>
    [Id(6)] public DateTimeOffset? ErasedAt { get; set; }
    /// <summary>Requests the erasure cancelled, so a repeated erasure can repeat their notifications.</summary>
    [Id(7)] public List<string> CancelledOnErasure { get; set; } = [];
    /// <summary>Volunteers whose future bookings the erasure cancelled.</summary>
    [Id(8)] public List<string> ReleasedOnErasure { get; set; } = [];
    /// <summary>Volunteers who had an offer for one of the requests, so an erasure can take their copies back.</summary>
    [Id(9)] public HashSet<string> OfferedTo { get; set; } = [];
    /// <summary>The carer's own people: family, neighbours and friends the carer invited.</summary>
    [Id(10)] public List<CircleMember> Members { get; set; } = [];
    /// <summary>Contacts with the carer and referrals, as the village contact person and the consultant logged them.</summary>
    [Id(11)] public List<CircleContact> Contacts { get; set; } = [];
    /// <summary>Professionals linked to the circle by the consultant, and whether the carer consented.</summary>
    [Id(12)] public List<ProfessionalLink> Professionals { get; set; } = [];
    /// <summary>The carer agreed that the village's key figures see them.</summary>
    [Id(13)] public bool VisibleToKeyFigures { get; set; }
}
