namespace Kring.Grains;

public static class KringStorage
{
    /// <summary>The name of the grain storage provider every Kring grain persists to.</summary>
    public const string Name = "kring";
}
