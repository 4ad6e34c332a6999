using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kring.Testing;

namespace Kring.Web.Tests.Security;

public sealed partial class FuzzTests
{
    /// <summary>What must not change: every village's overview, two circles, the demo volunteer, the coordinator's view.</summary>
    private sealed record State(string Overviews, JsonNode Circles, JsonNode Offers, string Assignments, string Availability,
        string Preferences, string Queue, string Public)
    {
        public State Without(IReadOnlySet<string> requestIds)
        {
            var circles = Circles.DeepClone();
            foreach (var circle in circles.AsArray())
            {
                var requests = circle!["requests"]!.AsArray();
                foreach (var r in requests.Where(r => requestIds.Contains(r!["id"]!.GetValue<string>())).ToList()) requests.Remove(r);
            }
            var offers = new JsonArray(Offers.AsArray().Where(o => !requestIds.Contains(o!["requestId"]!.GetValue<string>()))
                .Select(o => o!.DeepClone()).ToArray());
            return this with { Circles = circles, Offers = offers };
        }

        public string Describe() => string.Join("\n", Overviews, Circles.ToJsonString(), Offers.ToJsonString(), Assignments, Availability,
            Preferences, Queue, Public);

        public bool Equals(State? other) => other is not null && Describe() == other.Describe();

        public override int GetHashCode() => Describe().GetHashCode();
    }

    private static async Task<State> Snapshot(HttpClient consultant, HttpClient volunteer, HttpClient coordinator,
        IReadOnlySet<string>? without = null)
    {
        var overviews = new StringBuilder();
        foreach (var village in VillageIds.Order()) overviews.AppendLine(
            await consultant.GetStringAsync($"/api/v1/villages/{village}/overview"));
        var circles = new JsonArray();
        foreach (var id in new[] { "c-demo", "c-0001" }) circles.Add(
            JsonNode.Parse(await consultant.GetStringAsync($"/api/v1/circles/{id}")));
        var state = new State(
            overviews.ToString(),
            circles,
            JsonNode.Parse(await volunteer.GetStringAsync("/api/v1/volunteers/me/offers"))!,
            await volunteer.GetStringAsync("/api/v1/volunteers/me/assignments"),
            await volunteer.GetStringAsync("/api/v1/volunteers/me/availability"),
            await volunteer.GetStringAsync("/api/v1/volunteers/me/preferences"),
            await coordinator.GetStringAsync("/api/v1/partners/piw/queue")
                + await coordinator.GetStringAsync("/api/v1/partners/piw/volunteers"),
            await consultant.GetStringAsync("/api/v1/villages") + await consultant.GetStringAsync("/api/v1/partners"));
        return without is null ? state : state.Without(without);
    }
}
