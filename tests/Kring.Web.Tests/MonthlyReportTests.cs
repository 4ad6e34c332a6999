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
        Assert.Equal(SmallCounts.Hidden, Value(lines, "gekoppeld"));
        Assert.Equal(MonthlyReport.Suppressed, Value(lines, "niet gekoppeld"));
        Assert.Equal(MonthlyReport.Suppressed, Value(lines, "vulgraad (%)"));
    }

    [Fact]
    public void A_small_count_of_one_kind_is_not_given_away_by_the_months_total()
    {
        // 17 buddy requests and 3 for respite care, none matched: 20 unmatched, shown, is the month's total.
        var requests = Enumerable.Range(0, 20).Select(i => Request(i, RequestStatus.Expired) with
        {
            Kind = i < 17 ? HelpKind.Buddy
            : HelpKind.Respite
        }).ToList();
        var lines = MonthlyReport.Build(requests, 2027, 3);
        Assert.Equal("20", Value(lines, "niet gekoppeld"));
        Assert.Equal(MonthlyReport.Suppressed, Value(lines, "vervangende zorg"));
        Assert.Equal(SmallCounts.Hidden, Value(lines, "maatje"));
    }

    [Fact]
    public void A_small_count_of_a_part_of_the_day_is_not_given_away_by_the_unmatched()
    {
        // Wednesday 10 March 2027: 12 unmatched in the morning, 2 in the afternoon, 6 at night.
        var requests = Enumerable.Range(0, 12).Select(i => Request(0, RequestStatus.Expired) with { Id = $"m-{i}" })
            .Concat(Enumerable.Range(0, 2).Select(i => Request(4, RequestStatus.Expired) with { Id = $"a-{i}" }))
            .Concat(Enumerable.Range(0, 6).Select(i => Request(-6, RequestStatus.Expired) with { Id = $"n-{i}" }))
            .ToList();
        var lines = MonthlyReport.Build(requests, 2027, 3);
        Assert.Equal("20", Value(lines, "niet gekoppeld"));
        Assert.Equal(MonthlyReport.Suppressed, Value(lines, "woensdag middag"));
        Assert.Equal(SmallCounts.Hidden, Value(lines, "woensdag nacht"));
        Assert.Equal("12", Value(lines, "woensdag ochtend"));
        Assert.Equal("0", Value(lines, "woensdag avond"));
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
