using Microsoft.Extensions.Options;

namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.AccessLogPageRef")]
public sealed record AccessLogPageRef(
    [property: Id(0)] int Number,
    [property: Id(1)] DateTimeOffset Newest,
    [property: Id(2)] int Count,
    // The earliest last view among the page's entries, or a moment before it: retention opens only pages that start earlier.
    [property: Id(3)] DateTimeOffset Oldest);

[GenerateSerializer, Alias("kring.state.AccessLog")]
public sealed class AccessLogState
{
    [Id(0)] public List<AccessEntry> Recent { get; set; } = [];
    /// <summary>Full pages, oldest first.</summary>
    [Id(1)] public List<AccessLogPageRef> Pages { get; set; } = [];
    [Id(2)] public int NextPage { get; set; }
}

/// <summary>
/// A circle's access log. Every view writes this grain's state, so it holds only the latest <see cref="PageSize"/>
/// entries; a full page moves to a page grain of its own. Entries stay until Kring:Retention:AccessLog has passed since
/// their last view; nothing else removes them. The same view repeated within <see cref="MergeWindow"/> is merged into
/// its entry (a count and the last time), so reloading a page cannot flood the log, and never pushes anything out.
/// </summary>
public sealed class AccessLogGrain(
    [PersistentState("accesslog", KringStorage.Name)] IPersistentState<AccessLogState> state,
    IOptions<RetentionOptions> retention,
    TimeProvider clock) : Grain, IAccessLogGrain
{
    public const int PageSize = 250;
    public static readonly TimeSpan MergeWindow = TimeSpan.FromMinutes(15);

    /// <summary>A repeated list view was counted but not yet stored (see <see cref="Record"/>).</summary>
    private bool _unsaved;

    public async Task Record(AccessEntry entry)
    {
        var s = state.State;
        var now = clock.GetUtcNow();
        var same = s.Recent.FindLastIndex(e => SameView(e, entry) && Last(e) > now - MergeWindow);
        if (same >= 0)
        {
            var known = s.Recent[same];
            s.Recent[same] = known with { Times = known.Times + 1, LastAt = now };
            // A list that names every carer of a village would otherwise write every circle's log on every view. Its
            // entry is stored already; the extra count goes with the next write or when the grain deactivates.
            if (entry.Kind == AccessKind.Listed)
            {
                _unsaved = true;
                return;
            }
            await Save();
            return;
        }
        s.Recent.Add(entry with { At = now, Times = 1, LastAt = null });
        if (s.Recent.Count >= PageSize)
        {
            var number = s.NextPage;
            // The page is written before the state that points at it: a crash in between leaves an unused page, which
            // the next full page overwrites, and never loses an entry.
            await Page(number).Write(s.Recent);
            s.Pages.Add(new AccessLogPageRef(number, s.Recent.Max(Last), s.Recent.Count, s.Recent.Min(Last)));
            s.NextPage = number + 1;
            s.Recent = [];
        }
        await Save();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unsaved) await Save();
    }

    private async Task Save()
    {
        await state.WriteStateAsync();
        _unsaved = false;
    }

    private static bool SameView(AccessEntry a, AccessEntry b) =>
        a.UserName == b.UserName && a.Role == b.Role && a.Kind == b.Kind && a.Route == b.Route && a.RequestId == b.RequestId;

    /// <summary>The entry's latest view: retention counts from it.</summary>
    internal static DateTimeOffset Last(AccessEntry e) => e.LastAt ?? e.At;

    public async Task<IReadOnlyList<AccessEntry>> Read()
    {
        var cutoff = clock.GetUtcNow() - retention.Value.AccessLog;
        var pages = await Task.WhenAll(state.State.Pages.Select(p => Page(p.Number).Read()));
        // Reversed first, so entries made at the same moment still come newest first.
        return pages.SelectMany(p => p).Concat(state.State.Recent)
            .Where(e => Last(e) >= cutoff)
            .Reverse()
            .OrderByDescending(e => e.At)
            .ToList();
    }

    public async Task<(int Removed, int Left)> Prune(DateTimeOffset before)
    {
        var s = state.State;
        var had = Count;
        var changed = s.Recent.RemoveAll(e => Last(e) < before) > 0;
        foreach (var page in s.Pages.ToList())
        {
            if (page.Oldest >= before) continue;
            var left = await Page(page.Number).Prune(before);
            var index = s.Pages.IndexOf(page);
            if (left == 0) s.Pages.RemoveAt(index);
            else s.Pages[index] = page with { Count = left, Oldest = before };
            changed = true;
        }
        if (changed) await Save();
        return (had - Count, Count);
    }

    private int Count => state.State.Recent.Count + state.State.Pages.Sum(p => p.Count);

    public async Task ForgetCarer()
    {
        foreach (var page in state.State.Pages) await Page(page.Number).ForgetCarer();
        if (state.State.Recent.Any(IsCarers))
        {
            state.State.Recent = state.State.Recent.Select(Anonymous).ToList();
            await Save();
        }
    }

    internal static bool IsCarers(AccessEntry e) => e.Role == Role.Carer && e.UserName.Length > 0;

    internal static AccessEntry Anonymous(AccessEntry e) => IsCarers(e) ? e with { UserName = "" } : e;

    private IAccessLogPageGrain Page(int number) => GrainFactory.GetGrain<IAccessLogPageGrain>($"{this.GetPrimaryKeyString()}#{number}");
}

[GenerateSerializer, Alias("kring.state.AccessLogPage")]
public sealed class AccessLogPageState
{
    [Id(0)] public List<AccessEntry> Entries { get; set; } = [];
}

public sealed class AccessLogPageGrain(
    [PersistentState("accesslogpage", KringStorage.Name)] IPersistentState<AccessLogPageState> state) : Grain, IAccessLogPageGrain
{
    public async Task Write(IReadOnlyList<AccessEntry> entries)
    {
        state.State.Entries = entries.ToList();
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<AccessEntry>> Read() => Task.FromResult<IReadOnlyList<AccessEntry>>(state.State.Entries.ToList());

    public async Task<int> Prune(DateTimeOffset before)
    {
        if (state.State.Entries.RemoveAll(e => AccessLogGrain.Last(e) < before) == 0) return state.State.Entries.Count;
        if (state.State.Entries.Count > 0)
        {
            await state.WriteStateAsync();
            return state.State.Entries.Count;
        }
        await state.ClearStateAsync();
        return 0;
    }

    public async Task ForgetCarer()
    {
        if (!state.State.Entries.Any(AccessLogGrain.IsCarers)) return;
        state.State.Entries = state.State.Entries.Select(AccessLogGrain.Anonymous).ToList();
        await state.WriteStateAsync();
    }
}
