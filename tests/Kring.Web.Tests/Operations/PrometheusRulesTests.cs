using System.Diagnostics;
using System.Text.RegularExpressions;
using Kring.Testing;

namespace Kring.Web.Tests.Operations;

/// <summary>
/// The operators' Prometheus files in deploy/prometheus: promtool accepts the scrape configuration with its alert rules,
/// and the rules' unit tests (alerts.test.yml) pass. test.sh installs promtool with Debian's prometheus package.
/// </summary>
public sealed class PrometheusRulesTests
{
    private const string Promtool = "/usr/bin/promtool";
    private static readonly string Folder = Path.Combine(Repository.Root, "deploy", "prometheus");

    [Fact]
    public async Task Promtool_accepts_the_scrape_configuration_and_its_alert_rules()
    {
        var (exitCode, output) = await RunPromtool("check", "config", "deploy/prometheus/prometheus.yml");
        Assert.True(exitCode == 0, $"promtool check config exited with {exitCode}:{Environment.NewLine}{output}");
        Assert.Contains("alerts.yml", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_alert_fires_when_it_should_and_stays_silent_when_it_should_not()
    {
        var (exitCode, output) = await RunPromtool("test", "rules", "deploy/prometheus/alerts.test.yml");
        Assert.True(exitCode == 0, $"promtool test rules exited with {exitCode}:{Environment.NewLine}{output}");
    }

    /// <summary>promtool passes a rule that no test names, so the unit tests' coverage is checked here.</summary>
    [Fact]
    public void Every_alert_has_unit_tests_and_a_runbook()
    {
        var rules = File.ReadAllText(Path.Combine(Folder, "alerts.yml"));
        var tests = File.ReadAllText(Path.Combine(Folder, "alerts.test.yml"));
        var alerts = Names(rules, @"^\s*- alert:\s*(\S+)\s*$");
        var tested = Names(tests, @"^\s*alertname:\s*(\S+)\s*$");

        Assert.NotEmpty(alerts);
        Assert.Empty(alerts.Except(tested, StringComparer.Ordinal));
        Assert.Empty(tested.Except(alerts, StringComparer.Ordinal));
        Assert.Equal(alerts.Count, Regex.Count(rules, @"^\s*runbook:\s*README\.md#alerts\s*$", RegexOptions.Multiline));
        Assert.Equal(alerts.Count, Regex.Count(rules, @"^\s*severity:\s*(warning|critical)\s*$", RegexOptions.Multiline));
    }

    private static List<string> Names(string text, string pattern) =>
        Regex.Matches(text, pattern, RegexOptions.Multiline).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>promtool run from the repository root, as the README shows it, so the paths it prints are relative.</summary>
    private static async Task<(int ExitCode, string Output)> RunPromtool(string command, string subcommand, string file)
    {
        Assert.True(File.Exists(Promtool), $"promtool is missing at {Promtool}. Run ./test.sh, or: apt-get install -y prometheus");
        var start = new ProcessStartInfo(Promtool)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(subcommand);
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
