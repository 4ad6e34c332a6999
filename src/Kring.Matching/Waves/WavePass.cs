namespace Kring.Matching.Waves;

/// <summary>A request waiting for its next offer wave, as one pass of a matching shard sees it.</summary>
public sealed record WaveRequest(
    HelpNeed Need,
    string Village,
    Reach Reach,
    IReadOnlySet<string> Tried,
    string? PreferredVolunteer = null,
    string? SeriesId = null);

/// <summary>
/// The next wave of one request: the volunteers to offer it to (none when nobody within any reach can take it) and
/// the reach it is at now.
/// </summary>
public sealed record WaveChoice(WaveRequest Request, Reach Reach, IReadOnlyList<string> Volunteers)
{
    public bool FoundNobody => Volunteers.Count == 0;
}

/// <summary>
/// Decides the waves of one pass of a matching shard, most urgent request first. Within one pass a volunteer gets at
/// most one of several overlapping requests, the most urgent, so that this order decides who is helped first instead
/// of the volunteer's choice between clashing offers. A series is offered one occurrence at a time while nobody has
/// taken it, so the volunteer who accepts the first can be asked for the rest before anyone else.
/// </summary>
public sealed class WavePass
{
    private readonly ShardIndex _index;
    private readonly int _waveSize;
    private readonly DateTimeOffset _now;
    private readonly Dictionary<string, List<TimeWindow>> _offered = new(StringComparer.Ordinal);
    private readonly List<(string Series, DateTimeOffset Start)> _seriesOffered;

    /// <param name="offeredOccurrences">The occurrences of series that have offers out already.</param>
    public WavePass(ShardIndex index, int waveSize, DateTimeOffset now,
        IEnumerable<(string Series, DateTimeOffset Start)> offeredOccurrences)
    {
        _index = index;
        _waveSize = waveSize;
        _now = now;
        _seriesOffered = offeredOccurrences.ToList();
    }

    /// <summary>
    /// The choices for these requests, most urgent first. A request that starts now or earlier, waits for an earlier
    /// occurrence of its series, or finds nobody only because a more urgent request of this pass took them, gets none.
    /// </summary>
    public IReadOnlyList<WaveChoice> Plan(IEnumerable<WaveRequest> requests)
    {
        var choices = new List<WaveChoice>();
        var ordered = requests.OrderBy(r => r.Need, Comparer<HelpNeed>.Create(CandidateRanker.CompareUrgency)).ToList();
        foreach (var request in ordered)
        {
            // Checked here rather than up front: an earlier occurrence may have got its wave just now, in this pass.
            if (request.Need.Window.Start <= _now || WaitsForEarlierOccurrence(request)) continue;
            if (Choose(request) is not { } choice) continue;
            if (!choice.FoundNobody) Record(choice);
            choices.Add(choice);
        }
        return choices;
    }

    private WaveChoice? Choose(WaveRequest request)
    {
        if (Preferred(request) is { } preferred) return new WaveChoice(request, request.Reach, [preferred]);
        var need = request.Need;
        var busy = _offered.Where(o => o.Value.Any(w => w.Overlaps(need.Window))).Select(o => o.Key).ToList();
        var exclude = new HashSet<string>(request.Tried.Concat(busy), StringComparer.Ordinal);
        var decision = OfferWaves.Next(need, request.Village, _index.Neighbours(request.Village), request.Reach, _index.Volunteers,
            exclude, _waveSize);
        // Nobody free in this pass only because a more urgent request took them: try again later, don't widen.
        if (busy.Count > 0 && (decision.Wave.Count == 0 || decision.Reach != request.Reach)) return null;
        return new WaveChoice(request, decision.Reach, decision.Wave.Select(c => c.Volunteer.Id).ToList());
    }

    /// <summary>The volunteer who took an earlier occurrence of the series is asked first, alone.</summary>
    private string? Preferred(WaveRequest request)
    {
        if (request.PreferredVolunteer is not { } preferred || request.Tried.Contains(preferred)
            || !_index.TryGetVolunteer(preferred, out var volunteer) || Eligibility.Check(volunteer, request.Need) != Ineligibility.None)
        {
            return null;
        }
        return preferred;
    }

    private bool WaitsForEarlierOccurrence(WaveRequest request) =>
        request is { SeriesId: { } series, PreferredVolunteer: null }
        && _seriesOffered.Any(o => o.Series == series && o.Start < request.Need.Window.Start);

    private void Record(WaveChoice choice)
    {
        var window = choice.Request.Need.Window;
        foreach (var volunteerId in choice.Volunteers)
        {
            if (!_offered.TryGetValue(volunteerId, out var windows)) _offered[volunteerId] = windows = [];
            windows.Add(window);
        }
        if (choice.Request.SeriesId is { } series) _seriesOffered.Add((series, window.Start));
    }
}
