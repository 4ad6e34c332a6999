namespace Kring.Web.Pages;

/// <summary>The fields of a new circle, as the consultant's form and the public registration both show them.</summary>
public interface ICircleForm
{
    IReadOnlyList<VillageInfo> Villages { get; }
    string? Village { get; }
    string? CarerName { get; }
    string? CarerAge { get; }
    string? Phone { get; }
    string? Address { get; }
    string? CareRecipientName { get; }
    string? Relationship { get; }
    List<string> Needs { get; }
}
