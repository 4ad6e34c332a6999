using Kring.Matching.Planning;

namespace Kring.Matching.Waves;

/// <summary>A request waiting for its next offer wave, or holding unanswered offers, as one pass of a matching shard sees it.</summary>
/// <param name="Need">The request as the engine sees it; requests of one pass have distinct ids.</param>
/// <param name="Village">The village it is for, where its reach starts.</param>
/// <param name="Reach">How far its waves reach now.</param>
/// <param name="Tried">Everyone offered the request before, whatever they answered; they are not asked again.</param>
/// <param name="PreferredVolunteer">Who took an earlier occurrence of its series: asked first and alone.</param>
/// <param name="SeriesId">The series it is an occurrence of, if any.</param>
public sealed record WaveRequest(
    HelpNeed Need,
    string Village,
    Reach Reach,
    IReadOnlySet<string> Tried,
    string? PreferredVolunteer = null,
    string? SeriesId = null)
{
    /// <summary>
    /// The volunteers this request has offers out to that nobody has answered yet. When there are any the request is
    /// revisable: the pass plans it together with the due requests, these volunteers are its candidates although they
    /// are in <see cref="Tried"/>, and its <see cref="WaveChoice"/> says whether the offers stay or change.
    /// </summary>
    public IReadOnlyList<string> Offered { get; init; } = [];

    public bool IsRevisable => Offered.Count > 0;
}

/// <summary>
/// What one pass decided for one request. For a due request: the wave to offer, the planned volunteer first, and the
/// reach it is at now; no volunteers when nobody within any reach can take it (the reach is then
/// <see cref="Reach.Coordinator"/>). For a revisable request: <see cref="Keep"/> when its offers stay as they are
/// (<see cref="Volunteers"/> is then its <see cref="WaveRequest.Offered"/>); otherwise <see cref="Volunteers"/> is the
/// wave it should have out from now on: withdraw the offers to the volunteers of Offered that are not in it, and
/// offer it to those in it that are not in Offered; <see cref="Waits"/> when the plan needs all of them elsewhere.
/// </summary>
public sealed record WaveChoice(WaveRequest Request, Reach Reach, IReadOnlyList<string> Volunteers)
{
    /// <summary>A revisable request whose offers stay: nothing changes.</summary>
    public bool Keep { get; init; }

    /// <summary>
    /// A revisable request the plan leaves unfilled because it needs all its volunteers for other requests at that time:
    /// every offer is withdrawn, and the request waits at its reach for a later pass.
    /// </summary>
    public bool Waits { get; init; }

    public bool FoundNobody => Volunteers.Count == 0 && !Waits;
}

/// <summary>
/// Decides the waves of one pass of a matching shard. The requests of the pass are planned together with
/// <see cref="BatchPlanner"/>, so that as many as possible get a volunteer; among plans that fill as many, a revisable
/// request keeps its offers, a more urgent request goes first and each request gets its best-ranked volunteer free
/// for it (<see cref="CandidateRanker"/>), from its own reach before a wider one. A wave is the planned volunteer and up
/// to <c>waveSize - 1</c> alternates the plan leaves idle at that time, from no wider a reach than the planned one's,
/// so whoever accepts first never takes a volunteer the plan needs. A series is
/// offered one occurrence at a time while nobody has taken it, so the volunteer who accepts the first can be asked
/// for the rest before anyone else. The same input gives the same choices.
/// </summary>
public sealed partial class WavePass
{
    private readonly ShardIndex _index;
    private readonly int _waveSize;
    private readonly DateTimeOffset _now;
    private readonly BatchPlannerOptions _options;
    private readonly List<(string Series, DateTimeOffset Start)> _seriesOffered;
    private readonly Dictionary<string, List<TimeWindow>> _busy = new(StringComparer.Ordinal);

    /// <param name="index">The shard's villages and volunteers.</param>
    /// <param name="waveSize">How many volunteers a wave holds at most.</param>
    /// <param name="now">Requests starting at or before this get no choice.</param>
    /// <param name="offeredOccurrences">The occurrences of series that have offers out already.</param>
    /// <param name="busy">
    /// The windows of offers outstanding for requests that are not revised in this pass. They count as the volunteer's
    /// commitments: nobody is planned for a request that overlaps an offer they hold, and a reach with eligible
    /// volunteers who are all busy so is not widened (the request waits).
    /// </param>
    /// <param name="planner">The planner's tuning; its seed makes the pass reproducible.</param>
    public WavePass(ShardIndex index, int waveSize, DateTimeOffset now,
        IEnumerable<(string Series, DateTimeOffset Start)> offeredOccurrences,
        IEnumerable<(string VolunteerId, TimeWindow Window)>? busy = null, BatchPlannerOptions? planner = null)
    {
        _index = index;
        _waveSize = Math.Max(1, waveSize);
        _now = now;
        _options = planner ?? new BatchPlannerOptions();
        _seriesOffered = offeredOccurrences.ToList();
        foreach (var (volunteerId, window) in busy ?? []) AddBusy(volunteerId, window);
    }

    /// <summary>
    /// The choices for these requests, most urgent first. A request that starts now or earlier, or waits for an
    /// earlier occurrence of its series, gets none; so does a due request whose candidates the plan gives to other
    /// requests of this pass (it is tried again later, at the same reach).
    /// </summary>
    public IReadOnlyList<WaveChoice> Plan(IEnumerable<WaveRequest> requests)
    {
        var ordered = requests.Where(r => r.Need.Window.Start > _now)
            .OrderBy(r => r.Need, Comparer<HelpNeed>.Create(CandidateRanker.CompareUrgency))
            .ToList();
        var decided = new WaveChoice?[ordered.Count];
        for (var i = 0; i < ordered.Count; i++)
        {
            if (Preferred(ordered[i]) is not { } preferred) continue;
            decided[i] = new WaveChoice(ordered[i], ordered[i].Reach, [preferred]);
            AddBusy(preferred, ordered[i].Need.Window);
            RecordSeries(ordered[i]);
        }

        var entries = new List<PassEntry>();
        var held = new List<(string Volunteer, TimeWindow Window)>();
        foreach (var i in Enumerable.Range(0, ordered.Count).Where(i => decided[i] is null).OrderBy(i => ordered[i].Need.Window.Start))
        {
            var request = ordered[i];
            if (!request.IsRevisable && WaitsForEarlierOccurrence(request)) continue;
            var entry = Collect(request, i);
            if (entry is { Candidates.Count: > 0 })
            {
                entries.Add(entry);
                RecordSeries(request);
            }
            else if (request.IsRevisable)
            {
                // Its offers stay for want of candidates, so its volunteers are taken at that time, for every request.
                decided[i] = Kept(request);
                foreach (var volunteer in request.Offered)
                {
                    AddBusy(volunteer, request.Need.Window);
                    held.Add((volunteer, request.Need.Window));
                }
            }
            else if (entry is null) decided[i] = new WaveChoice(request, Reach.Coordinator, []);
        }
        for (var e = entries.Count - 1; held.Count > 0 && e >= 0; e--)
        {
            entries[e] = WithoutHeld(entries[e], held);
            if (entries[e].Candidates.Count > 0) continue;
            if (entries[e].Request.IsRevisable) decided[entries[e].Order] = Kept(entries[e].Request);
            entries.RemoveAt(e);
        }
        if (entries.Count > 0)
        {
            entries.Sort((a, b) => a.Order.CompareTo(b.Order));
            var planned = new PassPlan(entries, _waveSize, _options).Decide();
            for (var e = 0; e < entries.Count; e++) decided[entries[e].Order] = planned[e];
        }
        return decided.OfType<WaveChoice>().ToList();
    }

    /// <summary>The entry without the candidates who hold a kept offer at a time that overlaps it.</summary>
    private static PassEntry WithoutHeld(PassEntry entry, List<(string Volunteer, TimeWindow Window)> held)
    {
        var window = entry.Request.Need.Window;
        var free = Enumerable.Range(0, entry.Candidates.Count)
            .Where(c => !held.Any(h => h.Volunteer == entry.Candidates[c].Id && h.Window.Overlaps(window)))
            .ToList();
        if (free.Count == entry.Candidates.Count) return entry;
        return entry with { Candidates = [.. free.Select(c => entry.Candidates[c])], CandidateReach = [.. free.Select(entry.ReachOf)] };
    }

    internal static WaveChoice Kept(WaveRequest request) => new(request, request.Reach, request.Offered) { Keep = true };

    /// <summary>The volunteer who took an earlier occurrence of the series is asked first, alone.</summary>
    private string? Preferred(WaveRequest request)
    {
        if (request.PreferredVolunteer is not { } preferred || request.Tried.Contains(preferred)
            || !_index.TryGetVolunteer(preferred, out var volunteer)
            || Eligibility.Check(Probe(volunteer), request.Need) != Ineligibility.None)
        {
            return null;
        }
        return preferred;
    }

    private bool WaitsForEarlierOccurrence(WaveRequest request) =>
        request is { SeriesId: { } series, PreferredVolunteer: null }
        && _seriesOffered.Any(o => o.Series == series && o.Start < request.Need.Window.Start);

    private void RecordSeries(WaveRequest request)
    {
        if (request.SeriesId is { } series) _seriesOffered.Add((series, request.Need.Window.Start));
    }

    private void AddBusy(string volunteerId, TimeWindow window)
    {
        if (!_busy.TryGetValue(volunteerId, out var windows)) _busy[volunteerId] = windows = [];
        windows.Add(window);
        _probes.Remove(volunteerId);
    }
}
