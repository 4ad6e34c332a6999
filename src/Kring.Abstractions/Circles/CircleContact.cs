namespace Kring;

/// <summary>How someone was in touch with a carer; a referral passes the carer on to the consultant.</summary>
[GenerateSerializer, Alias("kring.ContactKind")]
public enum ContactKind
{
    Call = 0,
    Visit = 1,
    Meeting = 2,
    Referral = 3,
    /// <summary>A request for help filed on the carer's behalf, with their consent; the note says what and how they agreed.</summary>
    FiledWithConsent = 4,
}

/// <summary>
/// One contact with the carer, logged by the village contact person or the consultant who had it: the day, how, and a
/// short note (for a referral, its reason). The consultant reads them; the village counts them as the circle's last contact.
/// </summary>
[GenerateSerializer, Alias("kring.CircleContact")]
public sealed record CircleContact(
    [property: Id(0)] string Id,
    [property: Id(1)] ContactKind Kind,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] string Note,
    /// <summary>The user name of who logged it.</summary>
    [property: Id(4)] string By,
    /// <summary>Their name and role as the consultant reads it, e.g. "Daan Fictief, dorpscontactpersoon".</summary>
    [property: Id(5)] string Source,
    [property: Id(6)] DateTimeOffset LoggedAt);
