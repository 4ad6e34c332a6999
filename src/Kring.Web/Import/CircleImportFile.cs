using System.Globalization;
using Kring.Web.Input;

namespace Kring.Web.Import;

/// <summary>A carer the file registers as a circle: the row, its externalId, the circle's id and the profile it gets.</summary>
public sealed record CircleImportRow(int Row, string ExternalId, string Id, CircleProfile Profile);

/// <summary>
/// A file of carers for one municipality, read and checked row by row before anything is stored: the consultant's form's
/// rules (<see cref="CircleInput"/>), a village of this municipality (its id or its name), and an externalId that appears
/// once. Columns: externalId, village, carerName, carerAge, careRecipientName, relationship, needs (optional; several
/// separated by |, as codes such as dementia or in Dutch), phone, address.
/// </summary>
public sealed record CircleImportFile(IReadOnlyList<CircleImportRow> Rows, IReadOnlyList<RowProblems> Problems)
{
    public static readonly IReadOnlyList<string> Required =
        [CsvImport.ExternalIdColumn, "village", "carerName", "carerAge", "careRecipientName", "relationship", "phone", "address"];
    public static readonly IReadOnlyList<string> Optional = ["needs"];

    /// <summary>The circle's id: the same for the same municipality and externalId, so importing again finds it.</summary>
    public static string IdFor(string municipalityId, string slug) => $"imp-{municipalityId}-{slug}";

    public static CircleImportFile Read(ReadOnlySpan<byte> file, string municipalityId, IReadOnlyList<VillageInfo> villages)
    {
        var table = CsvImport.Read(file, Required, Optional);
        var known = villages.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        var ids = new ExternalIds();
        var rows = new List<CircleImportRow>();
        var problems = table.Problems.ToList();
        foreach (var row in table.Rows)
        {
            var found = new List<ImportProblem>();
            var slug = ids.Check(row, found);
            var profile = Profile(row, municipalityId, villages, known, found);
            if (found.Count > 0)
            {
                problems.Add(new RowProblems(row.Row, found));
                continue;
            }
            var id = IdFor(municipalityId, slug!);
            rows.Add(new CircleImportRow(row.Row, row[CsvImport.ExternalIdColumn], id, profile! with { Id = id }));
        }
        return new CircleImportFile(rows, CsvImport.Merge(problems));
    }

    private static CircleProfile? Profile(
        FileRow row, string municipalityId, IReadOnlyList<VillageInfo> villages, HashSet<string> known, List<ImportProblem> found)
    {
        var errors = new FieldErrors();
        var village = CsvImport.Village(row["village"], villages, v => v.Region == municipalityId);
        int? age = int.TryParse(row["carerAge"], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : null;
        if (age is null && row["carerAge"].Length > 0) errors.Add("carerAge", "Vul de leeftijd in hele jaren in.");
        var needs = CsvImport.List(row["needs"]).Select(CsvImport.Need).ToList();
        var profile = CircleInput.Validate("imp", village?.Id ?? row["village"], known, row["carerName"], age,
            row["careRecipientName"], row["relationship"], needs, row["phone"], row["address"], errors);
        if (village is not null && village.Region != municipalityId) errors.Add("village", "Dit dorp hoort niet bij deze gemeente.");
        found.AddRange(CsvImport.Problems(errors));
        return errors.Any ? null : profile;
    }
}
