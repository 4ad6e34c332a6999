using System.Text;
using Kring.Web.Import;

namespace Kring.Web.Tests.Import;

/// <summary>Reading and checking import files, without the application: CsvHelper's reading and the rows' Dutch problems.</summary>
public sealed class CsvImportTests
{
    private const string CircleHeader = "externalId;village;carerName;carerAge;careRecipientName;relationship;needs;phone;address";
    private const string VolunteerHeader = "externalId,displayName,village,kinds,skills,maxKm,maxHoursPerWeek,email,phone";

    private static readonly IReadOnlyList<VillageInfo> Villages =
    [
        Village("elsloo", "Elsloo", "stein"), Village("stein", "Stein", "stein"), Village("berg-aan-de-maas", "Berg aan de Maas", "stein"),
        Village("ede-centrum", "Ede", "ede"),
    ];

    private static VillageInfo Village(string id, string name, string region) => new(id, name, region, 50.95, 5.78, "", [], []);

    private static byte[] File(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    private static CircleImportFile Circles(params string[] lines) => CircleImportFile.Read(File(lines), "stein", Villages);

    private static readonly PartnerInfo Piw = new("piw", "Partners in Welzijn", "", [PartnerService.Buddy], [], Municipality: "stein");

    private static VolunteerImportFile Volunteers(params string[] lines) => VolunteerImportFile.Read(File(lines), Piw, Villages);

    private static string[] ProblemsOf(IReadOnlyList<RowProblems> problems, int row) =>
        problems.Single(p => p.Row == row).Problems.Select(p => p.ToString()).ToArray();

    [Fact]
    public void The_separator_is_the_one_the_header_line_has_more_of()
    {
        Assert.Equal(';', CsvImport.Separator("externalId;village;address\nx;elsloo;Dorpstraat 1, Elsloo"));
        Assert.Equal(',', CsvImport.Separator("externalId,village,address\r\nx,elsloo,\"Dorpstraat 1; Elsloo\""));
        Assert.Equal(',', CsvImport.Separator("externalId"));

        var semicolons = Circles(CircleHeader, "c-1;elsloo;Anna Proef;67;Piet Proef;partner;dementia;046-4331001;Maasberg 12, Elsloo");
        var commas = Circles(CircleHeader.Replace(';', ','),
            "c-1,elsloo,Anna Proef,67,Piet Proef,partner,dementia,046-4331001,Maasberg 12");
        Assert.Empty(semicolons.Problems);
        Assert.Empty(commas.Problems);
        Assert.Equal("Maasberg 12, Elsloo", semicolons.Rows.Single().Profile.Address);
        Assert.Equal("Maasberg 12", commas.Rows.Single().Profile.Address);
    }

    [Fact]
    public void A_byte_order_mark_does_not_hide_the_first_column()
    {
        var withMark = Encoding.UTF8.GetPreamble().Concat(File(CircleHeader,
            "c-1;elsloo;Anna Proef;67;Piet Proef;partner;;046-4331001;Maasberg 12")).ToArray();
        var file = CircleImportFile.Read(withMark, "stein", Villages);
        Assert.Empty(file.Problems);
        Assert.Equal("c-1", file.Rows.Single().ExternalId);
        Assert.Equal("imp-stein-c-1", file.Rows.Single().Id);
    }

    [Fact]
    public void Quoted_fields_keep_their_separators_quotes_and_line_breaks_and_a_row_stays_one_row()
    {
        var table = CsvImport.Read(File(
            "externalId;address;note",
            "a;\"Dorpstraat 1; Elsloo\";\"Zegt \"\"hallo\"\"\"",
            "b;\"Eerste regel",
            "tweede regel\";x",
            ";;",
            "c;Markt 2;"), ["externalId", "address"], ["note"]);
        Assert.Empty(table.Problems);
        Assert.Equal(["a", "b", "c"], table.Rows.Select(r => r["externalId"]));
        Assert.Equal("Dorpstraat 1; Elsloo", table.Rows[0]["address"]);
        Assert.Equal("Zegt \"hallo\"", table.Rows[0]["note"]);
        Assert.Contains("tweede regel", table.Rows[1]["address"]);
        // As a spreadsheet numbers them: the header is row 1, a line break inside quotes does not start a row, a blank row counts.
        Assert.Equal([2, 3, 5], table.Rows.Select(r => r.Row));
    }

    [Fact]
    public void Bad_rows_get_their_problems_in_Dutch_under_their_spreadsheet_row_number()
    {
        var file = Circles(CircleHeader,
            "ok-1;elsloo;Anna Proef;67;Piet Proef;partner;dementie;046-4331001;Maasberg 12",
            "bad-1;nergens;Kees Proef;oud;Mia Proef;kind;;06-20000002;Kerkstraat 3",
            "bad-2;Berg aan de Maas;;200;Mia Proef;kind;;06-20000002;Kerkstraat 3",
            "bad-3;ede-centrum;Jan Proef;54;Mia Proef;buurman;taxi;;Kerkstraat 3");

        Assert.Equal([3, 4, 5], file.Problems.Select(p => p.Row));
        Assert.Contains("village: Dit dorp kennen we niet.", ProblemsOf(file.Problems, 3));
        Assert.Contains("carerAge: Vul de leeftijd in hele jaren in.", ProblemsOf(file.Problems, 3));
        Assert.Contains("carerName: Vul de naam van de mantelzorger in.", ProblemsOf(file.Problems, 4));
        Assert.Contains("carerAge: Vul een leeftijd in van 8 tot en met 110 jaar.", ProblemsOf(file.Problems, 4));
        var row5 = ProblemsOf(file.Problems, 5);
        Assert.Contains("village: Dit dorp hoort niet bij deze gemeente.", row5);
        Assert.Contains(row5, p => p.StartsWith("relationship: Kies uit:", StringComparison.Ordinal));
        Assert.Contains(row5, p => p.StartsWith("needs: Kies uit:", StringComparison.Ordinal));
        Assert.Contains(row5, p => p.StartsWith("phone: Vul een telefoonnummer in", StringComparison.Ordinal));
        // The good row is read all the same, with the need in Dutch as its code; the import stores nothing while any row is bad.
        Assert.Equal(["dementia"], file.Rows.Single().Profile.CareNeeds);
    }

    [Fact]
    public void Field_lengths_are_those_of_the_registration_forms()
    {
        var name = new string('a', 101);
        var circles = Circles(CircleHeader, $"c-1;elsloo;{name};67;Piet Proef;partner;;046-4331001;{new string('s', 201)}");
        Assert.Contains("carerName: De naam is te lang (hooguit 100 tekens).", ProblemsOf(circles.Problems, 2));
        Assert.Contains("address: Het adres is te lang (hooguit 200 tekens).", ProblemsOf(circles.Problems, 2));

        var volunteers = Volunteers(VolunteerHeader, $"v-1,{name},elsloo,maatje,,5,,,");
        Assert.Contains("displayName: Een naam heeft hooguit 100 gewone tekens.", ProblemsOf(volunteers.Problems, 2));
        var externalId = Circles(CircleHeader, $"{new string('x', 65)};elsloo;Anna;67;Piet;partner;;046-4331001;Maasberg 12");
        Assert.Contains("externalId: Een externalId heeft hooguit 64 gewone tekens.", ProblemsOf(externalId.Problems, 2));
    }

    [Fact]
    public void An_externalId_appears_once_and_gives_a_slug_of_its_own()
    {
        var file = Circles(CircleHeader,
            "MZ 1;elsloo;Anna Proef;67;Piet Proef;partner;;046-4331001;Maasberg 12",
            "MZ 1;elsloo;Anna Proef;67;Piet Proef;partner;;046-4331001;Maasberg 12",
            "mz-1;elsloo;Anna Proef;67;Piet Proef;partner;;046-4331001;Maasberg 12",
            "!!!;elsloo;Anna Proef;67;Piet Proef;partner;;046-4331001;Maasberg 12",
            ";elsloo;Anna Proef;67;Piet Proef;partner;;046-4331001;Maasberg 12");

        Assert.Equal("imp-stein-mz-1", file.Rows.Single().Id);
        Assert.Contains("externalId: Dit externalId staat ook in rij 2; elke rij heeft een eigen externalId.",
            ProblemsOf(file.Problems, 3));
        Assert.Contains(ProblemsOf(file.Problems, 4), p => p.StartsWith("externalId: Dit externalId is hetzelfde als dat van rij 2",
            StringComparison.Ordinal));
        Assert.Contains(ProblemsOf(file.Problems, 5), p => p.StartsWith("externalId: Een externalId heeft minstens één letter",
            StringComparison.Ordinal));
        Assert.Contains(ProblemsOf(file.Problems, 6), p => p.StartsWith("externalId: Vul een externalId in", StringComparison.Ordinal));
    }

    [Fact]
    public void A_slug_keeps_lower_case_letters_digits_and_single_hyphens()
    {
        Assert.Equal("mz-2027-001", CsvImport.Slug("MZ 2027/001"));
        Assert.Equal("jose-muller", CsvImport.Slug("  José Müller!"));
        Assert.Null(CsvImport.Slug("!!!"));
        Assert.Null(CsvImport.Slug(new string('a', CsvImport.MaxSlugLength + 1)));
        Assert.Equal("imp-piw-vw-1", VolunteerImportFile.IdFor("piw", "vw-1"));
    }

    [Fact]
    public void A_missing_column_a_file_that_is_not_UTF8_or_too_large_and_broken_quotes_are_problems_of_the_file()
    {
        var missing = Circles(CircleHeader.Replace(";carerAge", ""), "c-1;elsloo;Anna;Piet;partner;;046-4331001;Maasberg 12");
        Assert.Contains("carerAge: Deze kolom ontbreekt in de kopregel.", ProblemsOf(missing.Problems, 1));
        Assert.Empty(missing.Rows);

        var latin1 = CircleImportFile.Read(Encoding.Latin1.GetBytes(CircleHeader + "\r\nc-1;elsloo;Zoë;67;Piet;partner;;046-4331001;x"),
            "stein", Villages);
        Assert.Contains(ProblemsOf(latin1.Problems, 0), p => p.Contains("geen UTF-8", StringComparison.Ordinal));

        var large = CsvImport.Read(new byte[CsvImport.MaxBytes + 1], CircleImportFile.Required, CircleImportFile.Optional);
        Assert.Contains(ProblemsOf(large.Problems, 0), p => p.Contains("groter dan 2 MB", StringComparison.Ordinal));

        var rows = Enumerable.Range(0, CsvImport.MaxRows + 1).Select(i => $"c-{i};elsloo;Anna;67;Piet;partner;;046-4331001;x");
        var tooMany = Circles([CircleHeader, .. rows]);
        Assert.Contains(ProblemsOf(tooMany.Problems, 0), p => p.Contains("meer dan 5000 rijen", StringComparison.Ordinal));

        var quotes = Circles(CircleHeader, "c-1;elsloo;Anna;67;Piet;partner;;046-4331001;\"Maasberg 12");
        Assert.Contains(quotes.Problems.SelectMany(p => p.Problems), p => p.Message.Contains("aanhalingstekens", StringComparison.Ordinal));

        Assert.Contains(ProblemsOf(Circles(CircleHeader).Problems, 0), p => p.Contains("alleen een kopregel", StringComparison.Ordinal));
    }

    [Fact]
    public void Volunteers_take_the_kinds_in_Dutch_and_check_kinds_addresses_and_numbers()
    {
        var file = Volunteers(VolunteerHeader,
            "vw-1,Ingrid Proef,Berg aan de Maas,maatje|vervangende zorg,dementie|parkinson,7.5,,ingrid@example.org,06-30000101",
            "vw-2,Tom Proef,elsloo,taxi,,5,50,geen adres,0461234567",
            "vw-3,Eva Proef,elsloo,buddy,,,8,,");

        var ingrid = file.Rows.Single();
        Assert.Equal("imp-piw-vw-1", ingrid.Id);
        Assert.Equal("berg-aan-de-maas", ingrid.Profile.HomeVillage);
        Assert.Equal([HelpKind.Buddy, HelpKind.Respite], ingrid.Profile.Kinds);
        Assert.Equal(["dementia", "parkinson"], ingrid.Profile.Skills);
        Assert.Equal(7.5, ingrid.Profile.MaxKm);
        Assert.Equal(8.0, ingrid.Profile.MaxHoursPerWeek);
        Assert.Equal("piw", ingrid.Profile.PartnerId);
        Assert.Equal("ingrid@example.org", ingrid.Contact?.Email);

        var tom = ProblemsOf(file.Problems, 3);
        Assert.Contains("kinds: Kies maatje (buddy) of vervangende zorg (respite).", tom);
        Assert.Contains("maxHoursPerWeek: Vul 1 tot en met 40 uur per week in.", tom);
        Assert.Contains(tom, p => p.StartsWith("email: Vul een geldig e-mailadres in", StringComparison.Ordinal));
        Assert.Contains(tom, p => p.StartsWith("phone: Vul een mobiel nummer in", StringComparison.Ordinal));
        Assert.Contains(ProblemsOf(file.Problems, 4), p => p.StartsWith("maxKm: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_village_the_partner_does_not_work_in_is_refused()
    {
        const string refused = "village: Dit dorp hoort niet bij de dorpen waar uw organisatie werkt.";
        var elsloo = Piw with { Id = "zorgnetwerk-elsloo", Villages = ["elsloo"] };
        var file = VolunteerImportFile.Read(File(VolunteerHeader, "vw-1,Ingrid Proef,stein,maatje,,5,,,"), elsloo, Villages);
        Assert.Contains(refused, ProblemsOf(file.Problems, 2));
        Assert.Contains(refused, ProblemsOf(Volunteers(VolunteerHeader, "vw-1,Ingrid Proef,ede-centrum,maatje,,5,,,").Problems, 2));
    }
}
