using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Kring.Web.Tests;

/// <summary>The village contact person's figures: the CSV export and the live stream.</summary>
public sealed partial class FrontEndApiTests
{
    [Fact]
    public async Task The_export_hides_counts_below_five_but_the_overview_api_stays_exact()
    {
        var contact = await App.SignedIn("dorp-elsloo");
        var response = await contact.GetAsync("/api/v1/villages/elsloo/overview.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var rows = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("dorp,onderdeel,aantal", rows[0]);
        var overview = await contact.GetFromJsonAsync<JsonElement>("/api/v1/villages/elsloo/overview");
        Assert.Contains($"Elsloo,mantelzorgers,{overview.GetProperty("carers").GetInt32()}", rows);
        // Nothing in a fresh application waited a day yet: a count below five.
        Assert.Contains("Elsloo,na 24 uur nog niet gekoppeld,<5", rows);
        Assert.All(rows.Skip(1), row =>
        {
            var value = row[(row.LastIndexOf(',') + 1)..];
            Assert.True(value == "<5" || int.Parse(value, CultureInfo.InvariantCulture) >= 5, $"small count leaked: {row}");
        });

        Assert.Equal(HttpStatusCode.Forbidden, (await contact.GetAsync("/api/v1/villages/stein/overview.csv")).StatusCode);
    }

    [Fact]
    public async Task The_live_stream_sends_the_figures_with_small_counts_hidden_and_again_when_they_change()
    {
        var contact = await App.SignedIn("dorp-elsloo");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await contact.GetAsync("/api/v1/villages/elsloo/overview/stream", HttpCompletionOption.ResponseHeadersRead,
            timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var first = await NextEvent(reader, timeout.Token);
        var carers = first.GetProperty("counts").GetProperty("carers").GetInt32();
        Assert.True(carers > 100);
        Assert.Equal("<5", first.GetProperty("counts").GetProperty("unmatchedAfterADay").GetString());
        foreach (var count in first.GetProperty("counts").EnumerateObject())
        {
            Assert.True(count.Value.ValueKind == JsonValueKind.String ? count.Value.GetString() == "<5" : count.Value.GetInt32() >= 5,
                $"small count leaked: {count}");
        }

        var consultant = await App.SignedIn("consulent");
        (await consultant.PostAsJsonAsync("/api/v1/circles", NewCircle(village: "elsloo", name: "Truus Live"))).EnsureSuccessStatusCode();
        while (true)
        {
            var next = await NextEvent(reader, timeout.Token);
            if (next.GetProperty("counts").GetProperty("carers").GetInt32() == carers + 1) break;
        }
    }

    [Fact]
    public async Task The_live_stream_is_only_for_who_may_see_the_village()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Client().GetAsync("/api/v1/villages/elsloo/overview/stream")).StatusCode);
        var contact = await App.SignedIn("dorp-elsloo");
        Assert.Equal(HttpStatusCode.Forbidden, (await contact.GetAsync("/api/v1/villages/stein/overview/stream")).StatusCode);
        var volunteer = await App.SignedIn("vrijwilliger");
        Assert.Equal(HttpStatusCode.Forbidden, (await volunteer.GetAsync("/api/v1/villages/elsloo/overview/stream")).StatusCode);
    }

    /// <summary>Reads server-sent events until an "overview" event, and returns its data.</summary>
    private static async Task<JsonElement> NextEvent(StreamReader reader, CancellationToken cancel)
    {
        string? type = null;
        var data = new StringBuilder();
        while (true)
        {
            var line = await reader.ReadLineAsync(cancel) ?? throw new EndOfStreamException("The stream ended.");
            if (line.Length == 0)
            {
                if (type == "overview" && data.Length > 0) return JsonDocument.Parse(data.ToString()).RootElement.Clone();
                type = null;
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal)) type = line[6..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Append(line[5..].TrimStart());
        }
    }
}
