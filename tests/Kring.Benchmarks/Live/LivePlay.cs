using System.Collections.Concurrent;
using System.Diagnostics;
using Kring.Benchmarks.Cluster;
using PlannedAssignment = Kring.Matching.Planning.Assignment;

namespace Kring.Benchmarks.Live;

/// <summary>How one live play went.</summary>
public sealed record LiveResult(
    IReadOnlyList<PlannedAssignment> Bookings,
    int Filed,
    IReadOnlyDictionary<string, long> Writes,
    TimeSpan Settled,
    bool Quiet,
    string Answers,
    int Offers,
    int Refused,
    IReadOnlyList<string> Rejected,
    int Disagreements,
    TimeSpan Setup)
{
    public long TotalWrites => Writes.Values.Sum();
}

/// <summary>The settings of one play.</summary>
public sealed record LiveSettings(
    string Arrival, double ArrivalRate, TimeSpan ReplyDelay, double Decline, int Seed, TimeSpan Quiet, TimeSpan Cap, string? DataParent,
    IReadOnlyDictionary<string, string?> Configuration);

/// <summary>
/// One live play: a fresh silo hosted as the embedded default (<see cref="EmbeddedSilo"/>, SQLite), the instance built
/// in it (<see cref="LiveWorld"/>), the requests filed through <see cref="ICarerCircleGrain.SubmitRequest"/> in the
/// arrival order and rate, the volunteers answering (<see cref="LiveVolunteers"/>) until all is quiet, and the bookings
/// read back from the circles, checked against the volunteers' own.
/// </summary>
public static class LivePlay
{
    public static async Task<LiveResult> Run(LiveInstance live, LiveSettings settings)
    {
        var setup = Stopwatch.StartNew();
        await using var silo = await EmbeddedSilo.Start(settings.DataParent, extra: settings.Configuration);
        await LiveWorld.Build(silo.Grains, live);
        setup.Stop();

        var before = silo.WritesByGrainType();
        LiveResult result;
        await using (var volunteers = new LiveVolunteers(silo.Grains, silo.Probe, live, settings.ReplyDelay, settings.Decline,
                         settings.Seed))
        {
            var started = Stopwatch.GetTimestamp();
            var rejected = await FileAll(silo.Grains, Order(live.Requests, settings), settings.ArrivalRate);
            var quiet = await volunteers.WaitUntilQuiet(settings.Quiet, settings.Cap);
            var filed = live.Requests.Where(r => !rejected.ContainsKey(r.Request.Id)).ToList();
            var (bookings, disagreements) = await Bookings(silo.Grains, live, filed);
            result = new LiveResult(bookings, filed.Count, new Dictionary<string, long>(), Stopwatch.GetElapsedTime(started,
                    Math.Max(started, volunteers.LastActivity)), quiet, volunteers.Describe(), volunteers.Offers, volunteers.Refused,
                rejected.Select(r => $"{r.Key}: {r.Value}").Order(StringComparer.Ordinal).ToList(), disagreements, setup.Elapsed);
        }
        var after = silo.WritesByGrainType();
        return result with { Writes = after.ToDictionary(w => w.Key, w => w.Value - before.GetValueOrDefault(w.Key)) };
    }

    private static IReadOnlyList<LiveRequest> Order(IReadOnlyList<LiveRequest> requests, LiveSettings settings) => settings.Arrival switch
    {
        "instance" => requests,
        "shuffled" => Shuffled(requests, settings.Seed),
        "by-start" => requests.OrderBy(r => r.Request.Start).ToList(),
        _ => throw new ArgumentException($"--arrival is instance, shuffled or by-start, not '{settings.Arrival}'."),
    };

    private static LiveRequest[] Shuffled(IReadOnlyList<LiveRequest> requests, int seed)
    {
        var shuffled = requests.ToArray();
        new Random(seed).Shuffle(shuffled);
        return shuffled;
    }

    /// <summary>Files every request, all at once or at the given rate; returns the ones the grains refused, with the reason.</summary>
    private static async Task<ConcurrentDictionary<string, string>> FileAll(IGrainFactory grains, IReadOnlyList<LiveRequest> requests,
        double rate)
    {
        var rejected = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var filing = new List<Task>(requests.Count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < requests.Count; i++)
        {
            if (rate > 0)
            {
                var due = TimeSpan.FromSeconds(i / rate) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due);
            }
            var request = requests[i];
            filing.Add(Submit(grains.GetGrain<ICarerCircleGrain>(request.CircleId), request.Request, rejected));
        }
        await Task.WhenAll(filing);
        return rejected;
    }

    private static async Task Submit(ICarerCircleGrain circle, NewHelpRequest request, ConcurrentDictionary<string, string> rejected)
    {
        try
        {
            await circle.SubmitRequest(request);
        }
        catch (Exception e)
        {
            rejected[request.Id] = $"{e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>
    /// The matched requests as their circles hold them, with the booking's times moved back to the instance's; and how
    /// many bookings the circle and the volunteer do not agree on.
    /// </summary>
    private static async Task<(List<PlannedAssignment> Bookings, int Disagreements)> Bookings(IGrainFactory grains, LiveInstance live,
        List<LiveRequest> filed)
    {
        var views = await Task.WhenAll(filed.Select(r => grains.GetGrain<ICarerCircleGrain>(r.CircleId).GetRequest(r.Request.Id)));
        var byCircle = views.OfType<HelpRequestView>()
            .Where(v => v is { Status: RequestStatus.Matched, VolunteerId: not null })
            .ToDictionary(v => v.Id, v => v.VolunteerId!, StringComparer.Ordinal);
        var held = await Task.WhenAll(live.Volunteers.Select(async v =>
            (await grains.GetGrain<IVolunteerGrain>(v.Id).GetAssignments()).Select(a => (a.RequestId, Volunteer: v.Id, a.Start))));
        var byVolunteer = held.SelectMany(h => h).ToList();
        var original = live.Source.Requests.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var disagreements = byVolunteer.Count(b => byCircle.GetValueOrDefault(b.RequestId) != b.Volunteer
            || LiveInstance.Shift(b.Start, -live.Weeks) != original[b.RequestId].Start)
            + byCircle.Count(c => !byVolunteer.Any(b => b.RequestId == c.Key && b.Volunteer == c.Value));
        var bookings = live.Source.Requests.Where(r => byCircle.ContainsKey(r.Id))
            .Select(r => new PlannedAssignment(r.Id, byCircle[r.Id])).ToList();
        return (bookings, disagreements);
    }
}
