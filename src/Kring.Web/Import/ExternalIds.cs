namespace Kring.Web.Import;

/// <summary>
/// The externalIds of one file: each is required, appears once, and gives a slug of its own (two that differ only in case,
/// accents or punctuation would give the same grain id).
/// </summary>
public sealed class ExternalIds
{
    private const string Column = CsvImport.ExternalIdColumn;
    private readonly Dictionary<string, int> _slugs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    /// <summary>The row's slug, or null with the reason among <paramref name="found"/>.</summary>
    public string? Check(FileRow row, ICollection<ImportProblem> found)
    {
        var externalId = row[Column];
        if (externalId.Length == 0)
        {
            found.Add(new(Column, "Vul een externalId in: uw eigen kenmerk van deze rij, bij elke import hetzelfde."));
            return null;
        }
        if (externalId.Length > CsvImport.MaxExternalIdLength || externalId.Any(char.IsControl))
        {
            found.Add(new(Column, "Een externalId heeft hooguit {0} gewone tekens.", [CsvImport.MaxExternalIdLength]));
            return null;
        }
        if (_ids.TryGetValue(externalId, out var first))
        {
            found.Add(new(Column, "Dit externalId staat ook in rij {0}; elke rij heeft een eigen externalId.", [first]));
            return null;
        }
        _ids[externalId] = row.Row;
        var slug = CsvImport.Slug(externalId);
        if (slug is null)
        {
            found.Add(new(Column, "Een externalId heeft minstens één letter of cijfer, en hooguit {0} als de " +
                "leestekens en spaties eruit zijn.", [CsvImport.MaxSlugLength]));
            return null;
        }
        if (_slugs.TryGetValue(slug, out var same))
        {
            found.Add(new(Column, "Dit externalId is hetzelfde als dat van rij {0} als hoofdletters, accenten, " +
                "spaties en leestekens niet meetellen; Kring houdt ze zo niet uit elkaar.", [same]));
            return null;
        }
        _slugs[slug] = row.Row;
        return slug;
    }
}
