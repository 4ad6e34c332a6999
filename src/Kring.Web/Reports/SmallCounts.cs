namespace Kring.Web.Reports;

/// <summary>
/// Hiding small counts so that no figure points at a single household. A count from 1 to 4 is shown as
/// <see cref="Small"/>. In a group of counts that add up to a figure a reader can know (a total shown elsewhere, or
/// another group with the same total), the hidden counts together would come back by subtraction: one alone exactly,
/// two as their sum (a sum of 2 gives 1 and 1). So the smallest count of 5 or more is hidden with them, as
/// <see cref="Hidden"/>, since "&lt;5" would not be true of it.
/// </summary>
public static class SmallCounts
{
    public const int Threshold = 5;
    public const string Small = "<5";
    public const string Hidden = "x";

    public static bool IsSmall(int count) => count is > 0 and < Threshold;

    /// <summary>Which counts of a group that adds up to a known figure must be hidden.</summary>
    public static bool[] HideInGroup(IReadOnlyList<int> counts)
    {
        var hide = counts.Select(IsSmall).ToArray();
        if (!hide.Contains(true)) return hide;
        // Zeros stay: hiding a 0 would not blur anything. Without a count of 5 or more the group adds up to a figure that
        // only small counts make.
        var next = Enumerable.Range(0, counts.Count).Where(i => counts[i] >= Threshold).OrderBy(i => counts[i]).DefaultIfEmpty(-1).First();
        if (next >= 0) hide[next] = true;
        return hide;
    }

    /// <summary>The count as it may be shown, given whether it is hidden.</summary>
    public static string Label(int count, bool hidden) =>
        !hidden ? count.ToString(System.Globalization.CultureInfo.InvariantCulture) : IsSmall(count) ? Small : Hidden;
}
