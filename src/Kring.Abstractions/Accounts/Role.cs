namespace Kring;

[GenerateSerializer, Alias("kring.Role")]
public enum Role
{
    Volunteer = 0,
    Carer = 1,
    CarerConsultant = 2,
    VillageContact = 3,
    Operator = 4,
    Coordinator = 5,
    /// <summary>One of the carer's own people (family, a neighbour, a friend), for that one circle.</summary>
    CircleMember = 6,
    /// <summary>
    /// A professional around the carer (a casemanager dementie, a wijkverpleegkundige), of a partner or not; sees a circle
    /// only once the consultant linked them to it and the carer consented.
    /// </summary>
    Professional = 7,
    /// <summary>
    /// A key figure (*sleutelfiguur*): an active resident or volunteer who keeps one village's network in view; a village
    /// contact person with a narrower scope, seeing only the carers who agreed to be visible to the key figures.
    /// </summary>
    KeyFigure = 8,
}
