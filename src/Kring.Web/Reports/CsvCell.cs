namespace Kring.Web.Reports;

/// <summary>One cell of a CSV file that Kring hands out, safe to open in a spreadsheet.</summary>
public static class CsvCell
{
    /// <summary>
    /// A cell that starts with =, +, -, @, a tab or a carriage return gets an apostrophe, so a spreadsheet shows it as
    /// text instead of running it as a formula; a cell with the separator, a quote or a line break is quoted.
    /// </summary>
    public static string Quote(string value, char separator)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([separator, '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
