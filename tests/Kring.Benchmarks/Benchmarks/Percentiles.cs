namespace Kring.Benchmarks.Benchmarks;

public static class Percentiles
{
    /// <summary>Nearest-rank percentile of an ascending array; NaN when it is empty.</summary>
    public static double Of(IReadOnlyList<double> sorted, double fraction)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(fraction * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
