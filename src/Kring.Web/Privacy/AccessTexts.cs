namespace Kring.Web.Privacy;

/// <summary>The Dutch words for what happened and for roles, as the access log shows them (pages translate them with Texts).</summary>
public static class AccessTexts
{
    public static string What(AccessKind kind) => kind switch
    {
        AccessKind.CircleViewed => "kring bekeken",
        AccessKind.RequestViewed => "hulpvraag bekeken",
        AccessKind.Listed => "in een lijst getoond",
        AccessKind.ContactViewed => "contactgegevens bekeken",
        AccessKind.CheckIn => "balansvragen ingevuld",
        AccessKind.Registered => "kring aangemeld",
        AccessKind.Exported => "export",
        AccessKind.Erased => "gewist",
        AccessKind.AccountCreated => "account aangemaakt",
        AccessKind.ProfessionalLinked => "zorgprofessional gekoppeld",
        AccessKind.ProfessionalConsented => "toestemming voor zorgprofessional",
        AccessKind.ProfessionalUnlinked => "zorgprofessional ontkoppeld",
        _ => kind.ToString(),
    };

    public static string Role(Role role) => role switch
    {
        Kring.Role.Volunteer => "vrijwilliger",
        Kring.Role.Carer => "mantelzorger",
        Kring.Role.CarerConsultant => "mantelzorgconsulent",
        Kring.Role.VillageContact => "dorpscontactpersoon",
        Kring.Role.Operator => "beheerder",
        Kring.Role.Coordinator => "coördinator",
        Kring.Role.CircleMember => "eigen kring",
        Kring.Role.Professional => "zorgprofessional",
        Kring.Role.KeyFigure => "sleutelfiguur",
        _ => role.ToString(),
    };

    public static string Code(AccessKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}
