using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kring.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class BalanceApiTests(SharedApp shared)
{
    private KringApp App => shared.App;

    [Fact]
    public async Task A_carer_answering_every_question_at_its_maximum_appears_in_the_consultants_signals()
    {
        var questions = await App.Client().GetFromJsonAsync<JsonElement>("/api/v1/checkins/questions");
        Assert.True(questions.GetArrayLength() >= 3);
        var answers = questions.EnumerateArray().ToDictionary(q => q.GetProperty("id").GetString()!, q => q.GetProperty("max").GetInt32());

        var consultant = await App.SignedIn("consulent");
        var response = await consultant.PostAsJsonAsync("/api/v1/circles/c-0004/checkins", new { answers });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("overloaded", 100), (result.GetProperty("level").GetString(), result.GetProperty("score").GetInt32()));

        var signals = await consultant.GetFromJsonAsync<JsonElement>("/api/v1/signals");
        var signal = Assert.Single(signals.EnumerateArray(), s => s.GetProperty("circleId").GetString() == "c-0004");
        Assert.False(string.IsNullOrWhiteSpace(signal.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Check_ins_are_validated_per_question_and_scoped_to_the_carers_own_circle()
    {
        var carer = await App.SignedIn("mantelzorger");
        var bad = await carer.PostAsJsonAsync("/api/v1/circles/mine/checkins",
            new { answers = new Dictionary<string, int> { ["zwaarte"] = 7 } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("answers.zwaarte", out _));
        Assert.True(errors.TryGetProperty("answers.moe", out _));

        Assert.Equal(HttpStatusCode.Forbidden, (await carer.PostAsJsonAsync("/api/v1/circles/c-0005/checkins", new { answers = new { } }))
            .StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await carer.GetAsync("/api/v1/signals")).StatusCode);
        var contact = await App.SignedIn("dorp-elsloo");
        Assert.Equal(HttpStatusCode.Forbidden, (await contact.GetAsync("/api/v1/signals")).StatusCode);
    }

    [Fact]
    public async Task The_village_report_downloads_as_csv_with_small_counts_suppressed()
    {
        var contact = await App.SignedIn("dorp-elsloo");
        var month = Journey.NextMonday(10).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var response = await contact.GetAsync($"/api/v1/villages/elsloo/report?month={month}&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("onderdeel;kenmerk;waarde", csv);
        Assert.Contains("vulgraad", csv);
        var counts = csv.Split('\n').Skip(1).Where(l => l.StartsWith("hulpvragen;", StringComparison.Ordinal)).Select(l => l.Split(';')[2])
            .ToList();
        Assert.All(counts, value => Assert.True(value is "<5" or "0" or "x" || int.Parse(value, CultureInfo.InvariantCulture) >= 5,
            $"unsuppressed small count {value}"));

        Assert.Equal(HttpStatusCode.BadRequest, (await contact.GetAsync("/api/v1/villages/elsloo/report?month=2027-13")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await contact.GetAsync($"/api/v1/villages/stein/report?month={month}")).StatusCode);
    }

    [Fact]
    public async Task On_first_start_last_months_report_of_Elsloo_tells_the_demos_made_up_history()
    {
        var contact = await App.SignedIn("dorp-elsloo");
        var lastMonth = Amsterdam.ToLocal(DateTimeOffset.UtcNow).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var csv = await contact.GetStringAsync($"/api/v1/villages/elsloo/report?month={lastMonth}&format=csv");

        var values = csv.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(';'))
            .ToDictionary(l => (l[0], l[1]), l => l[2]);
        Assert.True(int.Parse(values[("koppeling", "gekoppeld")], CultureInfo.InvariantCulture) >= 5, csv);
        Assert.InRange(int.Parse(values[("koppeling", "vulgraad (%)")], CultureInfo.InvariantCulture), 50, 100);
        Assert.True(double.Parse(values[("vrijwilligers", "uren gegeven")], CultureInfo.InvariantCulture) > 0, csv);
    }

    [Fact]
    public async Task The_village_report_hides_a_small_count_that_the_months_total_would_give_away()
    {
        // A month of its own: 17 buddy requests and 3 for respite care, nobody matched, so "niet gekoppeld" is the total.
        var grains = App.Services.GetRequiredService<IGrainFactory>();
        var circleId = $"c-rapport-{Guid.NewGuid():N}"[..20];
        var circle = grains.GetGrain<ICarerCircleGrain>(circleId);
        await circle.Register(new CircleProfile(circleId, "catsop", "Proef Rapport", 50, "Naaste", "partner", [], null, null));
        var first = new DateTimeOffset(2031, 3, 3, 10, 0, 0, TimeSpan.FromHours(1));
        for (var i = 0; i < 20; i++)
        {
            await circle.SubmitRequest(new NewHelpRequest($"{circleId}-{i}", i < 17 ? HelpKind.Buddy : HelpKind.Respite,
                first.AddDays(i), first.AddDays(i).AddHours(1), [], null, "test"));
        }

        var consultant = await App.SignedIn("consulent");
        var csv = await consultant.GetStringAsync("/api/v1/villages/catsop/report?month=2031-03&format=csv");

        Assert.Contains("koppeling;niet gekoppeld;20\n", csv);
        Assert.Contains("hulpvragen;vervangende zorg;<5\n", csv);
        Assert.Contains("hulpvragen;maatje;x\n", csv);
    }

    [Fact]
    public async Task Carers_not_heard_from_are_listed_for_the_village_contact()
    {
        var carer = await App.SignedIn("mantelzorger");
        var answers = new Dictionary<string, int> { ["zwaarte"] = 2, ["eigen-tijd"] = 2, ["moe"] = 2, ["zorgen"] = 2, ["steun"] = 2 };
        Assert.Equal(HttpStatusCode.OK, (await carer.PostAsJsonAsync("/api/v1/circles/mine/checkins", new { answers })).StatusCode);

        var contact = await App.SignedIn("dorp-elsloo");
        var quiet = await contact.GetFromJsonAsync<JsonElement>("/api/v1/villages/elsloo/quiet?weeks=4");
        var ids = quiet.EnumerateArray().Select(q => q.GetProperty("circleId").GetString()).ToList();
        Assert.True(ids.Count > 100, "the seeded circles have never been heard from");
        Assert.DoesNotContain("c-demo", ids);
    }
}
