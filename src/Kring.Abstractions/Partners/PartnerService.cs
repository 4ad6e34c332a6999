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
    /// <summary>
    /// Does the partner work in the village of the municipality? No villages means all of its municipality's (all of them,
    /// for a partner without one).
    /// </summary>
    public static bool WorksIn(this PartnerInfo partner, string village, string? municipality) =>
        (partner.Municipality is null || municipality is null || partner.Municipality == municipality)
        && (partner.Villages.Count == 0 || partner.Villages.Contains(village));

    /// <summary>A partner serves a kind of help in a village when it offers that service and works there.</summary>
    public static bool Serves(this PartnerInfo partner, HelpKind kind, string village, string? municipality) =>
        partner.Services.Contains(kind == HelpKind.Buddy ? PartnerService.Buddy : PartnerService.Respite)
        && partner.WorksIn(village, municipality);
}
