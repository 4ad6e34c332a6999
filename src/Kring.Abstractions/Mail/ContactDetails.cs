namespace Kring;

/// <summary>
/// How Kring reaches a person outside the site. <see cref="SharePhone"/>: a volunteer lets the carer see their phone
/// number once matched (the first name is always shown). For a carer it is stored but not used yet: a booked volunteer
/// sees the circle's phone number, as before. <see cref="OffersByMail"/> applies to volunteers.
/// </summary>
[GenerateSerializer, Alias("kring.ContactDetails")]
public sealed record ContactDetails(
    [property: Id(0)] string? Email,
    [property: Id(1)] string? Mobile,
    [property: Id(2)] bool OffersByMail = true,
    [property: Id(3)] bool SharePhone = false,
    [property: Id(4)] string Language = "nl");

/// <summary>What a matched volunteer lets the carer know of them.</summary>
[GenerateSerializer, Alias("kring.HelperIntroduction")]
public sealed record HelperIntroduction(
    [property: Id(0)] string FirstName,
    [property: Id(1)] string? Phone);

/// <summary>An offer as its answer link shows it, with the moment the link stops working.</summary>
[GenerateSerializer, Alias("kring.LinkedOffer")]
public sealed record LinkedOffer(
    [property: Id(0)] Offer Offer,
    [property: Id(1)] string VillageName,
    [property: Id(2)] DateTimeOffset ExpiresAt);
