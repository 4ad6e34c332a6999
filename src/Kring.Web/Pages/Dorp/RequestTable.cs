namespace Kring.Web.Pages.Dorp;

/// <summary>One table of the village's requests: the rows, its accessible name, what to say when empty, and whether
/// the consultant gets a link to each circle.</summary>
public sealed record RequestTable(IReadOnlyList<RequestSummary> Requests, string Label, string Empty, bool LinkCircles, bool ShowFiled);
