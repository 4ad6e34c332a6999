namespace Kring;

/// <summary>The kind of help asked for: a maatje (buddy) or vervangende zorg (respite).</summary>
[GenerateSerializer, Alias("kring.HelpKind")]
public enum HelpKind
{
    Buddy = 0,
    Respite = 1,
}

/// <summary>Services a partner organisation offers.</summary>
[GenerateSerializer, Alias("kring.PartnerService")]
public enum PartnerService
{
    Buddy = 0,
    Respite = 1,
    DayCare = 2,
    ShortStay = 3,
    InformationAndAdvice = 4,
}

[GenerateSerializer, Alias("kring.RequestStatus")]
public enum RequestStatus
{
    Open = 0,
    Offered = 1,
    Matched = 2,
    Cancelled = 3,
    Expired = 4,
    Completed = 5,
}

[GenerateSerializer, Alias("kring.OfferStatus")]
public enum OfferStatus
{
    Pending = 0,
    /// <summary>The volunteer accepted; the circle has not confirmed yet. The time is held in their schedule.</summary>
    Accepting = 1,
    Accepted = 2,
    Declined = 3,
    Withdrawn = 4,
    Expired = 5,
}

[GenerateSerializer, Alias("kring.Role")]
public enum Role
{
    Volunteer = 0,
    Carer = 1,
    CarerConsultant = 2,
    VillageContact = 3,
    Operator = 4,
    Coordinator = 5,
}

public static class HelpKinds
{
    public static string Code(this HelpKind kind) => kind switch
    {
        HelpKind.Buddy => "buddy",
        HelpKind.Respite => "respite",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? code, out HelpKind kind)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "buddy": kind = HelpKind.Buddy; return true;
            case "respite": kind = HelpKind.Respite; return true;
            default: kind = default; return false;
        }
    }
}

public static class PartnerServices
{
    /// <summary>A partner serves a kind of help in a village when it offers that service there; no villages means all of them.</summary>
    public static bool Serves(this PartnerInfo partner, HelpKind kind, string village) =>
        partner.Services.Contains(kind == HelpKind.Buddy ? PartnerService.Buddy : PartnerService.Respite)
        && (partner.Villages.Count == 0 || partner.Villages.Contains(village));
}
