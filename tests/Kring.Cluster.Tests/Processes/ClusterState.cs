namespace Kring.Cluster.Tests.Processes;

public sealed record VolunteerState(string Id, IReadOnlyList<Assignment> Assignments, IReadOnlyList<Offer> Offers,
    AvailabilityDto Availability);

/// <summary>
/// What the cluster says, read through the Orleans client: the requests (from their circles, the authority over a
/// request's status) and the volunteers' schedules (each volunteer is the authority over their own), and the checks
/// that compare the two.
/// </summary>
public sealed class ClusterState
{
    private const int Parallelism = 16;

    private ClusterState(IReadOnlyDictionary<string, HelpRequestView?> requests, IReadOnlyDictionary<string, VolunteerState> volunteers)
    {
        Requests = requests;
        Volunteers = volunteers;
    }

    /// <summary>Request id → the circle's view of it, or null when the circle does not know it.</summary>
    public IReadOnlyDictionary<string, HelpRequestView?> Requests { get; }
    public IReadOnlyDictionary<string, VolunteerState> Volunteers { get; }

    public static async Task<ClusterState> Read(IGrainFactory grains, IEnumerable<(string CircleId, string RequestId)> requests,
        IEnumerable<string> volunteers)
    {
        var views = new System.Collections.Concurrent.ConcurrentDictionary<string, HelpRequestView?>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (r, _) =>
            views[r.RequestId] = await grains.GetGrain<ICarerCircleGrain>(r.CircleId).GetRequest(r.RequestId));
        var states = new System.Collections.Concurrent.ConcurrentDictionary<string, VolunteerState>();
        await Parallel.ForEachAsync(volunteers, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (id, _) =>
        {
            var grain = grains.GetGrain<IVolunteerGrain>(id);
            states[id] = new VolunteerState(id, await grain.GetAssignments(), await grain.GetOffers(), await grain.GetAvailability());
        });
        return new ClusterState(views, states);
    }

    /// <summary>Every volunteer of every village, the demo's and the test's.</summary>
    public static async Task<IReadOnlyList<string>> AllVolunteers(IGrainFactory grains)
    {
        var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
        var members = await Task.WhenAll(villages.Select(v => grains.GetGrain<IVillageGrain>(v.Id).GetMembers()));
        return members.SelectMany(m => m.Volunteers).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    public int Count(RequestStatus status) => Requests.Values.Count(r => r?.Status == status);

    public string Describe() =>
        string.Join(", ", Requests.Values.GroupBy(r => r?.Status.ToString() ?? "missing").OrderBy(g => g.Key)
            .Select(g => $"{g.Key} {g.Count()}"));

    /// <summary>
    /// For a failure's artefact: every request that is not matched, with its history and every offer made for it, and
    /// what the matching shards and the partners' coordinator queues hold.
    /// </summary>
    public async Task<string> Explain(IGrainFactory grains)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"requests: {Describe()}");
        var shard = MatchingShard.Key("stein");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"shard {shard}: {await Try(async () => $"{await grains.GetGrain<IMatchingGrain>(shard).PendingCount()} pending")}");
        text.AppendLine(await Try(async () =>
        {
            var queues = new System.Text.StringBuilder();
            foreach (var partner in await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetPartners())
            {
                var queue = await grains.GetGrain<IPartnerGrain>(partner.Id).GetQueue();
                queues.Append(CultureInfo.InvariantCulture,
                    $"partner {partner.Id}: {queue.Count} escalated ({string.Join(", ", queue.Select(q => q.Request.Id).Take(20))}); ");
            }
            return queues.ToString();
        }));
        var offers = Volunteers.Values.SelectMany(v => v.Offers.Select(o => (Volunteer: v.Id, Offer: o))).ToLookup(o => o.Offer.RequestId);
        foreach (var (id, request) in Requests.Where(r => r.Value?.Status != RequestStatus.Matched)
            .OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{id}: {request?.Status.ToString() ?? "missing"} circle {request?.CircleId} " +
                $"village {request?.Village} {request?.Kind} {request?.Start:u}");
            foreach (var e in request?.History ?? []) text.AppendLine(CultureInfo.InvariantCulture,
                $"  {e.At:HH:mm:ss.fff} {e.Status} {e.What}");
            foreach (var (volunteer, offer) in offers[id]) text.AppendLine(CultureInfo.InvariantCulture,
                $"  offer to {volunteer}: {offer.Status} (offered {offer.OfferedAt:HH:mm:ss.fff})");
        }
        return text.ToString();
    }

    private static async Task<string> Try(Func<Task<string>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception e)
        {
            return $"could not read: {e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>Acknowledged requests that the circle does not know.</summary>
    public IReadOnlyList<string> Missing() => Requests.Where(r => r.Value is null).Select(r => r.Key).Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>A volunteer booked for two overlapping hours, or one request in two volunteers' schedules.</summary>
    public IReadOnlyList<string> DoubleBookings()
    {
        var problems = new List<string>();
        foreach (var volunteer in Volunteers.Values)
        {
            var booked = volunteer.Assignments.OrderBy(a => a.Start).ToList();
            for (var i = 1; i < booked.Count; i++)
            {
                if (booked[i - 1].End > booked[i].Start)
                {
                    var (before, after) = (booked[i - 1], booked[i]);
                    problems.Add($"{volunteer.Id} has {before.RequestId} ({before.Start:u}–{before.End:u}) " +
                        $"and {after.RequestId} ({after.Start:u}–{after.End:u})");
                }
            }
        }
        foreach (var request in Volunteers.Values.SelectMany(v => v.Assignments.Select(a => (Volunteer: v.Id, a.RequestId)))
            .GroupBy(a => a.RequestId).Where(g => g.Count() > 1))
        {
            problems.Add($"{request.Key} is in the schedules of {string.Join(" and ", request.Select(a => a.Volunteer))}");
        }
        return problems;
    }

    /// <summary>
    /// Where the circles and the volunteers disagree, or an accept is still half-done: a matched request missing from
    /// its volunteer's schedule, an assignment for a request that is not matched to that volunteer, an accept still
    /// held (Accepting). Only the requests read here are compared.
    /// </summary>
    public IReadOnlyList<string> Disagreements()
    {
        var problems = new List<string>();
        foreach (var request in Requests.Values.OfType<HelpRequestView>().Where(r => r.Status == RequestStatus.Matched))
        {
            if (request.VolunteerId is not { } volunteer || !Volunteers.TryGetValue(volunteer, out var state))
            {
                problems.Add($"{request.Id} is matched with unknown volunteer '{request.VolunteerId}'");
            }
            else if (state.Assignments.All(a => a.RequestId != request.Id))
            {
                problems.Add($"{request.Id} is matched with {volunteer}, whose schedule does not have it");
            }
        }
        foreach (var volunteer in Volunteers.Values)
        {
            foreach (var assignment in volunteer.Assignments.Where(a => Requests.ContainsKey(a.RequestId)))
            {
                var request = Requests[assignment.RequestId];
                if (request is null || request.Status != RequestStatus.Matched || request.VolunteerId != volunteer.Id)
                {
                    problems.Add($"{volunteer.Id} has {assignment.RequestId} in their schedule, " +
                        $"but the circle says {request?.Status.ToString() ?? "nothing"} ({request?.VolunteerId})");
                }
            }
            foreach (var held in volunteer.Offers.Where(o => o.Status == OfferStatus.Accepting && Requests.ContainsKey(o.RequestId)))
            {
                problems.Add($"{volunteer.Id} still holds an accept of {held.RequestId} ({held.Id}) that the circle never answered");
            }
        }
        return problems;
    }
}
