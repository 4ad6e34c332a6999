namespace Kring;

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

public static class PartnerServices
{
    /// <summary>A partner serves a kind of help in a village when it offers that service there; no villages means all of them.</summary>
    public static bool Serves(this PartnerInfo partner, HelpKind kind, string village) =>
        partner.Services.Contains(kind == HelpKind.Buddy ? PartnerService.Buddy : PartnerService.Respite)
        && (partner.Villages.Count == 0 || partner.Villages.Contains(village));
}
