using System.Diagnostics;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests.Api;

/// <summary>
/// Spectral's standard OpenAPI ruleset (spectral:oas) finds nothing in the document. test.sh installs the CLI into
/// .tools/spectral at the repository root; without it this test fails and says how to install it.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SpectralLintTests(SharedApp shared)
{
    [Fact]
    public async Task Spectral_standard_ruleset_reports_nothing()
    {
        var cli = Path.Combine(Repository.Root, ".tools", "spectral", "node_modules", ".bin", "spectral");
        Assert.True(File.Exists(cli),
            $"The Spectral CLI is missing at {cli}. Run ./test.sh, or: " +
            "npm install --prefix .tools/spectral @stoplight/spectral-cli@6.16.3");

        var work = Directory.CreateTempSubdirectory("kring-spectral-");
        try
        {
            var document = Path.Combine(work.FullName, "openapi.json");
            var ruleset = Path.Combine(work.FullName, ".spectral.yaml");
            var report = Path.Combine(work.FullName, "report.json");
            await File.WriteAllTextAsync(document, await shared.App.Client().GetStringAsync("/api/v1/openapi.json"));
            await File.WriteAllTextAsync(ruleset, "extends: [\"spectral:oas\"]\n");

            var (exitCode, output) = await Run(cli, "lint", document, "--ruleset", ruleset, "--format", "json", "--output", report);
            Assert.True(File.Exists(report), $"Spectral wrote no report (exit code {exitCode}):{Environment.NewLine}{output}");
            using var findings = JsonDocument.Parse(await File.ReadAllTextAsync(report));
            var lines = findings.RootElement.EnumerateArray()
                .Select(f => $"{f.GetProperty("code").GetString()}: {f.GetProperty("message").GetString()} at " +
                    string.Join('.', f.GetProperty("path").EnumerateArray().Select(p => p.ToString())))
                .ToList();
            Assert.True(lines.Count == 0, string.Join(Environment.NewLine, lines));
            Assert.Equal(0, exitCode);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
