using System.Globalization;
using Kring.Web.Input;
using Kring.Web.Services;

namespace Kring.Web.Import;

/// <summary>
/// A volunteer the file signs up or updates: the row, its externalId, the volunteer's id and profile, and the e-mail address
/// and mobile number (<see cref="Contact"/>, null when the row has neither).
/// </summary>
public sealed record VolunteerImportRow(int Row, string ExternalId, string Id, VolunteerProfile Profile, ContactDetails? Contact);

/// <summary>
/// A file of a partner's volunteers, read and checked row by row before anything is stored, with the rules of the
/// coordinator's own sign-up (<see cref="VolunteerSignUp"/>: name, village, kinds, skills, distance, hours) and of contact
/// details (<see cref="ContactInput"/>). Columns: externalId, displayName, village (id or name; one the partner works in),
/// kinds (buddy and respite, or maatje and vervangende zorg, separated by |), maxKm, and optionally skills (separated by
/// |), maxHoursPerWeek (8 when empty), email and phone (a mobile number).
/// </summary>
public sealed record VolunteerImportFile(IReadOnlyList<VolunteerImportRow> Rows, IReadOnlyList<RowProblems> Problems)
{
    public static readonly IReadOnlyList<string> Required = [CsvImport.ExternalIdColumn, "displayName", "village", "kinds", "maxKm"];
    public static readonly IReadOnlyList<string> Optional = ["skills", "maxHoursPerWeek", "email", "phone"];

    /// <summary>The file's column for a field of the checks whose name differs.</summary>
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal) { ["mobile"] = "phone" };

    /// <summary>The volunteer's id: the same for the same partner and externalId, so importing again finds them.</summary>
    public static string IdFor(string partnerId, string slug) => $"imp-{partnerId}-{slug}";

    public static VolunteerImportFile Read(ReadOnlySpan<byte> file, PartnerInfo partner, IReadOnlyList<VillageInfo> villages)
    {
        var table = CsvImport.Read(file, Required, Optional);
        var ids = new ExternalIds();
        var rows = new List<VolunteerImportRow>();
        var problems = table.Problems.ToList();
        foreach (var row in table.Rows)
        {
            var found = new List<ImportProblem>();
            var slug = ids.Check(row, found);
            var volunteer = Volunteer(row, IdFor(partner.Id, slug ?? "x"), partner, villages, found);
            if (found.Count > 0) problems.Add(new RowProblems(row.Row, found));
            else rows.Add(volunteer!);
        }
        return new VolunteerImportFile(rows, CsvImport.Merge(problems));
    }

    private static VolunteerImportRow? Volunteer(
        FileRow row, string id, PartnerInfo partner, IReadOnlyList<VillageInfo> villages, List<ImportProblem> found)
    {
        var errors = new FieldErrors();
        var name = AccountInput.DisplayName(row["displayName"], errors, "Vul de naam van de vrijwilliger in.");
        var village = CsvImport.Village(row["village"], villages, v => WorksIn(partner, v));
        if (row["village"].Length == 0) errors.Add("village", "Kies het dorp waar de vrijwilliger woont.");
        else if (village is null) errors.Add("village", "Dit dorp kennen we niet.");
        else if (!WorksIn(partner, village))
        {
            errors.Add("village", "Dit dorp hoort niet bij de dorpen waar uw organisatie werkt.");
        }
        var hours = Hours(row["maxHoursPerWeek"], errors);
        var kinds = CsvImport.List(row["kinds"]).Select(Kind).ToList();
        var skills = CsvImport.List(row["skills"]).Select(CsvImport.Need).ToList();
        var preferences = PreferencesInput.Parse(kinds, skills, row["maxKm"], errors);
        var contact = ContactInput.Parse(row["email"], row["phone"], offersByMail: true, sharePhone: false, null, errors);
        found.AddRange(CsvImport.Problems(errors, Columns));
        if (errors.Any || preferences is null || village is null) return null;
        var profile = new VolunteerProfile(
            id, name, village.Id, preferences.MaxKm, preferences.Kinds, preferences.Skills, hours, partner.Id);
        return new VolunteerImportRow(row.Row, row[CsvImport.ExternalIdColumn], id, profile,
            contact is null or { Email: null, Mobile: null } ? null : contact);
    }

    /// <summary>Does the partner work in the village? Its own villages, or else all of its municipality's (all, without one).</summary>
    private static bool WorksIn(PartnerInfo partner, VillageInfo village) =>
        (partner.Municipality is null || partner.Municipality == village.Region)
        && (partner.Villages.Count == 0 || partner.Villages.Contains(village.Id));

    /// <summary>A kind of help by its code, or by its Dutch name.</summary>
    private static string Kind(string value) => value.ToLowerInvariant() switch
    {
        "maatje" => "buddy",
        "vervangende zorg" => "respite",
        _ => value,
    };

    /// <summary>The hours a week, as the coordinator's sign-up reads them: 8 when empty, otherwise 1 to 40.</summary>
    private static double Hours(string cell, FieldErrors errors)
    {
        if (cell.Length == 0) return VolunteerSignUp.DefaultHoursPerWeek;
        if (double.TryParse(cell.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours)
            && hours is >= 1 and <= VolunteerSignUp.MaxHoursPerWeek)
        {
            return hours;
        }
        errors.Add("maxHoursPerWeek", $"Vul 1 tot en met {VolunteerSignUp.MaxHoursPerWeek:0} uur per week in.");
        return 0;
    }
}
