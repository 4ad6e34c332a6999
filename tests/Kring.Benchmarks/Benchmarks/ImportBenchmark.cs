using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kring.Benchmarks.Cluster;
using Kring.Hosting.Seeding;
using Kring.Web.Import;
using Kring.Web.Services;

namespace Kring.Benchmarks.Benchmarks;

/// <summary>
/// A consultant's import of carers: a generated file of N rows (1,000 by default) in Stein's villages, read and checked by
/// <see cref="CircleImportFile"/> (CsvHelper) and imported through the real <see cref="ImportDesk.ImportCircles"/>, which
/// reads every row's circle and then registers the new ones, 32 grain calls at a time; on the embedded default (one silo,
/// SQLite, Stein's villages from the seed), or with --postgres on PostgreSQL. Then the same file again, which must change
/// nothing. Left out: the desk's check that the user is a consultant of the municipality (<see cref="ImportDesk.CircleTarget"/>),
/// which needs a signed-in user and reads the directory once, and the HTTP request around it.
/// </summary>
public static class ImportBenchmark
{
    public const double TargetSeconds = 30;

    private sealed record Result(double Seconds, double ReadMs, int New, int Updated, int Unchanged);

    public static async Task<int> Run(CommandLine options)
    {
        var rows = options.Number("rows", 1000);
        Console.WriteLine($"import benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average " +
            $"{GrainsBenchmark.LoadAverage()}");
        var silo = await EmbeddedSilo.Start(options.Optional("data-parent"), options.Optional("postgres"));
        await using (silo)
        {
            var villages = await silo.Grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
            var stein = villages.Where(v => v.Region == SeedFiles.Stein).Select(v => v.Id).ToList();
            if (stein.Count == 0) throw new InvalidDataException("The benchmark silo has no villages of Stein; is the seed there?");
            var file = Generate(rows, stein);
            Console.WriteLine($"benchmark silo: {silo.Where}, Kring:Demo=false; a file of {rows} carers in {stein.Count} villages, " +
                $"{file.Length / 1024} kB; grain calls {ImportDesk.Batch} at a time");
            var first = await Import(silo.Grains, file, villages, rows, "first import");
            var again = await Import(silo.Grains, file, villages, rows, "the same file again");
            var met = first.New == rows && first.Seconds < TargetSeconds;
            var nothing = again.New == 0 && again.Updated == 0 && again.Unchanged == rows;
            Console.WriteLine();
            Console.WriteLine($"summary (load average now {GrainsBenchmark.LoadAverage()}; other work on this machine lowers " +
                "every figure)");
            Console.WriteLine($"  {rows} rows imported in {first.Seconds:F1} s ({rows / first.Seconds:F0} rows/s): target < " +
                $"{TargetSeconds:F0} s {(met ? "MET" : "NOT MET")}");
            Console.WriteLine($"  the same file again: {again.Seconds:F1} s, " +
                (nothing ? "changed nothing" : $"CHANGED {again.New} new and {again.Updated} updated"));
            return met && nothing ? 0 : 1;
        }
    }

    private static async Task<Result> Import(IGrainFactory grains, byte[] file, IReadOnlyList<VillageInfo> villages, int rows, string what)
    {
        var clock = Stopwatch.StartNew();
        var read = CircleImportFile.Read(file, SeedFiles.Stein, villages);
        var readMs = clock.Elapsed.TotalMilliseconds;
        if (read.Problems.Count > 0) throw new InvalidDataException($"The generated file has problems: {read.Problems[0].Problems[0]}");
        var outcome = await ImportDesk.ImportCircles(grains, read, dryRun: false);
        var seconds = clock.Elapsed.TotalSeconds;
        if (outcome.Refusal != ImportDesk.Refusal.None)
        {
            var first = outcome.Problems.Count > 0 ? outcome.Problems[0].Problems[0].ToString() : "";
            throw new InvalidDataException($"The import was refused ({outcome.Refusal}): {first}");
        }
        var result = new Result(seconds, readMs, outcome.Count(ImportDesk.Change.New), outcome.Count(ImportDesk.Change.Updated),
            outcome.Count(ImportDesk.Change.Unchanged));
        Console.WriteLine($"{what}: {rows} rows in {seconds:F2} s ({rows / seconds:F0} rows/s; reading and checking the file " +
            $"{readMs:F0} ms): {result.New} new, {result.Updated} updated, {result.Unchanged} unchanged");
        return result;
    }

    /// <summary>A file as a consultant's spreadsheet would give it: one carer a row, semicolons, the villages in turn.</summary>
    private static byte[] Generate(int rows, List<string> villages)
    {
        var random = new Random(2027);
        var csv = new StringBuilder(string.Join(';', CircleImportFile.Required.Concat(CircleImportFile.Optional))).Append('\n');
        for (var i = 1; i <= rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"BENCH-{i:00000};{villages[i % villages.Count]};Mantelzorger Proef {i};{random.Next(18, 90)};Naaste Proef {i};partner;")
                .Append(CultureInfo.InvariantCulture,
                    $"046-{random.Next(1_000_000, 9_999_999)};Proefstraat {i};{Needs.Known[i % Needs.Known.Length]}\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
