using System.Globalization;
using System.Text;
using CsvHelper;
using Kring.Web.Input;

namespace Kring.Web.Import;

/// <summary>
/// One thing wrong with a row, in Dutch. <see cref="Column"/> names the column when one cell is at fault;
/// <see cref="Args"/> fill the message's placeholders ({0}), so the pages can show it in English too.
/// </summary>
public sealed record ImportProblem(string? Column, string Message, IReadOnlyList<object>? Args = null)
{
    /// <summary>The message with its placeholders filled in.</summary>
    public string Text => Args is null ? Message : string.Format(CultureInfo.InvariantCulture, Message, Args.ToArray());

    public override string ToString() => Column is null ? Text : $"{Column}: {Text}";
}

/// <summary>
/// The problems of one row, numbered as a spreadsheet shows the file: the header is row 1, the first data row row 2.
/// Row 0 stands for the file as a whole (too large, not UTF-8, no rows).
/// </summary>
public sealed record RowProblems(int Row, IReadOnlyList<ImportProblem> Problems);

/// <summary>A data row: its cells by column name (trimmed; "" when empty or absent), and its row number in a spreadsheet.</summary>
public sealed record FileRow(int Row, IReadOnlyDictionary<string, string> Cells)
{
    public string this[string column] => Cells.TryGetValue(column, out var value) ? value : "";
}

/// <summary>The data rows of a file, and what was wrong with it as a file (a missing column, broken quotes, too many rows).</summary>
public sealed record CsvTable(IReadOnlyList<FileRow> Rows, IReadOnlyList<RowProblems> Problems);

/// <summary>
/// Reading an import file with CsvHelper: UTF-8 (with or without a byte order mark), a header row, and ';' or ',' between
/// the fields, whichever the header line has more of; quoted fields as in RFC 4180. With it the checks every import shares:
/// the size and row limits, the columns, and the externalId that becomes part of a grain id. Plain C#, without Orleans or
/// ASP.NET, so the tests read files with it directly.
/// </summary>
public static class CsvImport
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxRows = 5000;
    public const int MaxExternalIdLength = 64;
    /// <summary>The longest slug of an externalId, so a grain id made with it stays short.</summary>
    public const int MaxSlugLength = 40;
    /// <summary>Between the values of a cell that holds several (needs, kinds, skills).</summary>
    public const char ListSeparator = '|';
    public const string ExternalIdColumn = "externalId";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly char[] LineBreaks = ['\r', '\n'];

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// The file's rows with the cells of <paramref name="required"/> and <paramref name="optional"/> columns (others are
    /// ignored; names match ignoring case), or what kept it from being read.
    /// </summary>
    public static CsvTable Read(ReadOnlySpan<byte> file, IReadOnlyList<string> required, IReadOnlyList<string> optional)
    {
        if (file.Length > MaxBytes) return FileProblem("Het bestand is groter dan {0} MB; splits het in delen.", MaxBytes / 1024 / 1024);
        if (file.StartsWith(ByteOrderMark)) file = file[ByteOrderMark.Length..];
        string text;
        try
        {
            text = StrictUtf8.GetString(file);
        }
        catch (DecoderFallbackException)
        {
            return FileProblem("Het bestand is geen UTF-8-tekst. Sla het op als ‘CSV UTF-8’ en probeer het opnieuw.");
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return FileProblem("Het bestand is leeg. De eerste rij noemt de kolommen, de rijen daarna de gegevens.");
        }
        return Rows(text, required, optional);
    }

    /// <summary>The separator the header line uses: ';' when it has more semicolons than commas, else ','.</summary>
    public static char Separator(string text)
    {
        var end = text.IndexOfAny(LineBreaks);
        var header = end < 0 ? text : text[..end];
        return header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
    }

    /// <summary>The values of a cell that holds several, separated by <see cref="ListSeparator"/>, trimmed, empty ones left out.</summary>
    public static IReadOnlyList<string> List(string cell) =>
        cell.Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// The externalId's part of a grain id: its letters (without accents) in lower case and its digits, with a single '-' for
    /// anything else in between; null when nothing is left or more than <see cref="MaxSlugLength"/> characters.
    /// </summary>
    public static string? Slug(string externalId)
    {
        var slug = new StringBuilder(externalId.Length);
        foreach (var c in externalId.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (char.IsAsciiLetterLower(lower) || char.IsAsciiDigit(lower)) slug.Append(lower);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var text = slug.ToString().TrimEnd('-');
        return text.Length is 0 or > MaxSlugLength ? null : text;
    }

    /// <summary>
    /// A village by its id or its name, ignoring case, by name a <paramref name="preferred"/> one first (two municipalities
    /// may have a village of the same name); null when Kring does not know it.
    /// </summary>
    public static VillageInfo? Village(string cell, IReadOnlyList<VillageInfo> villages, Func<VillageInfo, bool> preferred) =>
        villages.FirstOrDefault(v => string.Equals(v.Id, cell, StringComparison.OrdinalIgnoreCase))
        ?? villages.Where(preferred).FirstOrDefault(v => string.Equals(v.Name, cell, StringComparison.OrdinalIgnoreCase))
        ?? villages.FirstOrDefault(v => string.Equals(v.Name, cell, StringComparison.OrdinalIgnoreCase));

    /// <summary>A need by its code (dementia) or its Dutch label (dementie); anything else as it is, for the check to refuse.</summary>
    public static string Need(string value) =>
        Needs.Known.FirstOrDefault(code => string.Equals(code, value, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Needs.Label(code), value, StringComparison.OrdinalIgnoreCase)) ?? value;

    /// <summary>The errors of the form checks (<see cref="FieldErrors"/>) as the row's problems, each with its column.</summary>
    public static IEnumerable<ImportProblem> Problems(FieldErrors errors, IReadOnlyDictionary<string, string>? columns = null) =>
        errors.All.SelectMany(e => e.Value.Select(m => new ImportProblem(columns?.GetValueOrDefault(e.Key) ?? e.Key, m)));

    /// <summary>Every problem of the same row together, by row.</summary>
    public static IReadOnlyList<RowProblems> Merge(IEnumerable<RowProblems> problems) =>
        problems.GroupBy(p => p.Row).OrderBy(g => g.Key)
            .Select(g => new RowProblems(g.Key, g.SelectMany(p => p.Problems).ToList())).ToList();

    private static CsvTable Rows(string text, IReadOnlyList<string> required, IReadOnlyList<string> optional)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = Separator(text),
            HasHeader = true,
            TrimWhitespace = true,
            // Empty lines stay records, so every record is one row of the spreadsheet and the row numbers match it.
            SkipEmptyLines = false,
            MalformedData = CsvMalformedDataHandling.Throw,
            // Cells hold personal data; an exception message may end up in a log.
            IncludeValuesInExceptions = false,
        };
        using var reader = CsvReader.FromText(text, options);
        var rows = new List<FileRow>();
        var problems = new List<RowProblems>();
        try
        {
            reader.ReadHeader();
            var columns = Columns(reader, required, optional, problems);
            if (columns is null) return new CsvTable([], problems);
            var width = reader.Headers.Count;
            var row = 1;
            while (reader.Read())
            {
                row++;
                if (rows.Count == MaxRows)
                {
                    problems.Add(Whole("Het bestand heeft meer dan {0} rijen; splits het in delen.", MaxRows));
                    break;
                }
                if (Blank(reader)) continue;
                if (reader.FieldCount > width)
                {
                    problems.Add(new RowProblems(row, [new ImportProblem(null,
                        "Deze rij heeft meer velden ({0}) dan de kopregel ({1}). Staat er een scheidingsteken in een veld zonder " +
                        "aanhalingstekens?", [reader.FieldCount, width])]));
                }
                rows.Add(new FileRow(row, columns.ToDictionary(c => c.Key, c => Cell(reader, c.Value), StringComparer.Ordinal)));
            }
        }
        catch (CsvFormatException e)
        {
            problems.Add(new RowProblems((int)Math.Max(1, e.RecordNumber), [new ImportProblem(null,
                "De aanhalingstekens in deze rij kloppen niet: een veld tussen aanhalingstekens begint en eindigt ermee, en een " +
                "aanhalingsteken erin staat dubbel (\"\").")]));
        }
        if (problems.Count == 0 && rows.Count == 0)
        {
            problems.Add(Whole("Het bestand heeft alleen een kopregel; er is niets te importeren."));
        }
        return new CsvTable(rows, Merge(problems));
    }

    /// <summary>Where each column is; null, with a problem in row 1 for each required column that is missing.</summary>
    private static Dictionary<string, int>? Columns(
        CsvReader reader, IReadOnlyList<string> required, IReadOnlyList<string> optional, List<RowProblems> problems)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = new List<ImportProblem>();
        foreach (var column in required.Concat(optional))
        {
            if (reader.TryGetFieldIndex(column, out var index)) columns[column] = index;
            else if (required.Contains(column)) missing.Add(new ImportProblem(column, "Deze kolom ontbreekt in de kopregel."));
        }
        if (missing.Count == 0) return columns;
        missing.Add(new ImportProblem(null, "De eerste rij noemt de kolommen: {0}.", [string.Join(", ", required.Concat(optional))]));
        problems.Add(new RowProblems(1, missing));
        return null;
    }

    private static bool Blank(CsvReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (!string.IsNullOrWhiteSpace(reader.GetString(i))) return false;
        }
        return true;
    }

    private static string Cell(CsvReader reader, int index) => index < reader.FieldCount ? reader.GetString(index)?.Trim() ?? "" : "";

    private static CsvTable FileProblem(string message, params object[] args) => new([], [Whole(message, args)]);

    private static RowProblems Whole(string message, params object[] args) =>
        new(0, [new ImportProblem(null, message, args.Length == 0 ? null : args)]);
}
