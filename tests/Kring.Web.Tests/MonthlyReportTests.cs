using Kring.Web.Reports;

namespace Kring.Web.Tests;

public sealed class MonthlyReportTests
{
    private static readonly DateTimeOffset March = new(2027, 3, 10, 10, 0, 0, TimeSpan.FromHours(1));

    private static RequestSummary Request(int i, RequestStatus status, double? hours = null, bool assumed = false) =>
        new($"r-{i}", "c-1", "elsloo", HelpKind.Buddy, March.AddHours(i), March.AddHours(i + 2), [], status, March.AddDays(-1), [],
            HoursGiven: hours, HoursAssumed: assumed);

    private static string Value(IReadOnlyList<ReportLine> lines, string key) => lines.Single(l => l.Key == key).Value;

    [Fact]
    public void Matched_and_unmatched_are_both_hidden_when_either_is_a_small_count()
    {
        var requests = Enumerable.Range(0, 12).Select(i => Request(i, i < 10 ? RequestStatus.Matched : RequestStatus.Expired)).ToList();
        var lines = MonthlyReport.Build(requests, 2027, 3);
        Assert.Equal("12", Value(lines, "maatje"));
        Assert.Equal(MonthlyReport.Suppressed, Value(lines, "gekoppeld"));
        Assert.Equal(MonthlyReport.Suppressed, Value(lines, "niet gekoppeld"));
    }

    [Fact]
    public void Hours_given_assumed_and_planned_are_counted_apart()
    {
        var requests = Enumerable.Range(0, 5).Select(i => Request(i, RequestStatus.Completed, 1.5))
            .Concat(Enumerable.Range(5, 5).Select(i => Request(i, RequestStatus.Completed, 2, assumed: true)))
            .Concat(Enumerable.Range(10, 5).Select(i => Request(i, RequestStatus.Matched)))
            .ToList();
        var lines = MonthlyReport.Build(requests, 2027, 3);
        Assert.Equal("7,5", Value(lines, "uren gegeven"));
        Assert.Equal("10", Value(lines, "uren aangenomen (geen verslag)"));
        Assert.Equal("10", Value(lines, "uren gepland"));
    }

    [Theory]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("+31", "'+31")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("maandag ochtend", "maandag ochtend")]
    public void Csv_cells_that_start_like_a_formula_are_made_inert(string cell, string written) =>
        Assert.Equal(written, MonthlyReport.Quote(cell));
}
