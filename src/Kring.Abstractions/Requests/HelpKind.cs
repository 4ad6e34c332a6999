namespace Kring;

/// <summary>The kind of help asked for: a maatje (buddy) or vervangende zorg (respite).</summary>
[GenerateSerializer, Alias("kring.HelpKind")]
public enum HelpKind
{
    Buddy = 0,
    Respite = 1,
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
