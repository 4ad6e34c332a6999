namespace Kring;

/// <summary>The care needs Kring knows, with the Dutch labels the pages and the mail show.</summary>
public static class Needs
{
    public static readonly string[] Known = ["dementia", "mobility", "wheelchair", "parkinson", "diabetes", "visual", "hearing"];

    public static string Label(string code) => code switch
    {
        "dementia" => "dementie",
        "mobility" => "slecht ter been",
        "wheelchair" => "rolstoel",
        "parkinson" => "parkinson",
        "diabetes" => "diabetes",
        "visual" => "slechtziend",
        "hearing" => "slechthorend",
        _ => code,
    };

    public static string KindLabel(HelpKind kind) => kind == HelpKind.Buddy ? "maatje" : "vervangende zorg";
}
