using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests.Operations;

/// <summary>
/// The operators' view of the care: Debian's Prometheus scrapes the running web's /metrics, and a match shows in
/// kring_requests_matched_total. /metrics is for loopback and the known networks only.
/// </summary>
[Collection(SecondWebCollection.Name)]
public sealed class MetricsTests(SharedApp shared)
{
    private const string PrometheusBinary = "/usr/bin/prometheus";
    private const string Matched = "sum(kring_requests_matched_total) or vector(0)";
    private KringApp App => shared.App;

    [Fact]
    public async Task Prometheus_sees_a_match_and_the_waiting_times()
    {
        await using var prometheus = await Prometheus.Start(App.Address);
        await prometheus.Until(async () => await prometheus.Value("up{job=\"kring-web\"}") == 1, "Prometheus scraping the web");
        var before = await prometheus.Value(Matched) ?? 0;

        var volunteer = await App.SignedIn("vrijwilliger");
        var carer = await App.SignedIn("mantelzorger");
        await Journey.SetMondayMorning(volunteer);
        var (requestId, location) = await Journey.AskBuddy(carer, Journey.NextMonday(9, 0), Journey.NextMonday(9, 25));
        var offerId = await Journey.OfferFor(volunteer, requestId);
        (await volunteer.PostAsync($"/api/v1/offers/{offerId}/accept", null)).EnsureSuccessStatusCode();
        Assert.Equal("matched", await Journey.Status(carer, location));

        await prometheus.Until(async () => await prometheus.Value(Matched) >= before + 1, "Prometheus seeing the match");
        Assert.True(await prometheus.Value("sum(kring_requests_time_to_match_seconds_count)") >= 1);
        Assert.True(await prometheus.Value("sum(kring_requests_time_to_first_offer_seconds_count)") >= 1);
        Assert.True(await prometheus.Value("sum(kring_offers_accepted_total)") >= 1);
    }

    [Fact]
    public async Task Metrics_are_served_to_loopback_and_not_to_a_client_behind_the_proxy()
    {
        using var client = App.Client();
        var local = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        var text = await local.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        // The Stein shard reports its backlog as soon as it is active, which the app is from its start.
        Assert.Contains("kring_shard_pending_requests{", text, StringComparison.Ordinal);

        // Loopback is a known proxy, so this is a request from the internet that came through it.
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        forwarded.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var outside = await client.SendAsync(forwarded, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.DoesNotContain("kring_", await outside.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            StringComparison.Ordinal);
    }

    /// <summary>
    /// Debian's Prometheus on a free loopback port, scraping the web every 2 s; test.sh installs it. A scrape that takes
    /// longer, as under the full suite's load, fails and is tried again at the next.
    /// </summary>
    private sealed class Prometheus : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly TempDirectory _folder;
        private readonly HttpClient _http;

        private Prometheus(Process process, TempDirectory folder, Uri address)
        {
            _process = process;
            _folder = folder;
            _http = new HttpClient { BaseAddress = address };
        }

        public static async Task<Prometheus> Start(Uri web)
        {
            Assert.True(File.Exists(PrometheusBinary), $"{PrometheusBinary} is missing. Run ./test.sh, or: apt-get install -y prometheus");
            var folder = new TempDirectory();
            Directory.CreateDirectory(folder.Path);
            var config = Path.Combine(folder.Path, "prometheus.yml");
            await File.WriteAllTextAsync(config, $"""
                global:
                  scrape_interval: 2s
                  scrape_timeout: 2s
                scrape_configs:
                  - job_name: kring-web
                    static_configs:
                      - targets: ["{web.Authority}"]
                """, TestContext.Current.CancellationToken);
            var port = FreePort();
            var start = new ProcessStartInfo(PrometheusBinary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder.Path, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
            })
            {
                start.ArgumentList.Add(argument);
            }
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new Prometheus(process, folder, new Uri($"http://127.0.0.1:{port}"));
        }

        /// <summary>Waits up to two minutes for the condition; on timeout the message says how the last scrape went.</summary>
        public async Task Until(Func<Task<bool>> condition, string what)
        {
            try
            {
                await Eventually.Get(async () => await condition() ? "yes" : null, what, TimeSpan.FromSeconds(120));
            }
            catch (TimeoutException e)
            {
                var targets = await _http.GetStringAsync("/api/v1/targets");
                throw new TimeoutException($"{e.Message} Prometheus's targets: {targets}", e);
            }
        }

        /// <summary>The value of an instant query with one result, or null when it has none (or Prometheus is not up yet).</summary>
        public async Task<double?> Value(string query)
        {
            try
            {
                var answer = await _http.GetFromJsonAsync<JsonElement>("/api/v1/query?query=" + Uri.EscapeDataString(query));
                var results = answer.GetProperty("data").GetProperty("result");
                if (results.GetArrayLength() == 0) return null;
                return results.EnumerateArray().Sum(r =>
                    double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture));
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
            _folder.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
