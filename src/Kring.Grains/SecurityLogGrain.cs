using Microsoft.Extensions.Options;

namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.SecurityLog")]
public sealed class SecurityLogState
{
    [Id(0)] public List<SecurityEvent> Recent { get; set; } = [];
    /// <summary>Full pages, oldest first.</summary>
    [Id(1)] public List<AccessLogPageRef> Pages { get; set; } = [];
    [Id(2)] public int NextPage { get; set; }
    /// <summary>New accounts with wide rights waiting for another operator; kept apart, so retention never drops them unseen.</summary>
    [Id(3)] public List<SecurityEvent> Unacknowledged { get; set; } = [];
    [Id(4)] public long NextId { get; set; } = 1;
}

/// <summary>
/// The security event log: sign-ins, throttling, accounts made, blocked and changed, erasures and exports. Every event
/// writes this grain, so it holds only the latest <see cref="PageSize"/>; a full page moves to a page grain of its own,
/// as in <see cref="AccessLogGrain"/>. Events are kept for Kring:Retention:SecurityEvents.
/// </summary>
public sealed class SecurityLogGrain(
    [PersistentState("securitylog", KringStorage.Name)] IPersistentState<SecurityLogState> state,
    IOptions<RetentionOptions> retention,
    TimeProvider clock) : Grain, ISecurityLogGrain
{
    public const int PageSize = 250;
    public const int MaxLimit = 1000;

    public async Task<long> Record(SecurityEvent entry)
    {
        var s = state.State;
        var stamped = entry with { Id = s.NextId, At = clock.GetUtcNow() };
        s.NextId++;
        s.Recent.Add(stamped);
        if (stamped.NeedsAcknowledgement) s.Unacknowledged.Add(stamped);
        if (s.Recent.Count >= PageSize)
        {
            var number = s.NextPage;
            // The page is written before the state that points at it: a crash in between leaves an unused page, which
            // the next full page overwrites, and never loses an event.
            await Page(number).Write(s.Recent);
            s.Pages.Add(new AccessLogPageRef(number, s.Recent.Max(e => e.At), s.Recent.Count, s.Recent.Min(e => e.At)));
            s.NextPage = number + 1;
            s.Recent = [];
        }
        await state.WriteStateAsync();
        return stamped.Id;
    }

    public async Task<IReadOnlyList<SecurityEvent>> Read(SecurityEventQuery query)
    {
        var limit = Math.Clamp(query.Limit, 1, MaxLimit);
        var cutoff = clock.GetUtcNow() - retention.Value.SecurityEvents;
        var from = query.From is { } f && f > cutoff ? f : cutoff;
        var found = new List<SecurityEvent>();
        bool Matches(SecurityEvent e) =>
            e.At >= from && (query.To is not { } to || e.At <= to) && (query.Kind is not { } kind || e.Kind == kind)
            && (query.User is not { Length: > 0 } user
                || string.Equals(e.Actor, user, StringComparison.OrdinalIgnoreCase)
                || string.Equals(e.Subject, user, StringComparison.OrdinalIgnoreCase));

        found.AddRange(Enumerable.Reverse(state.State.Recent).Where(Matches).Take(limit));
        // Pages newest first, skipping those wholly outside the period, until the limit is reached.
        foreach (var page in Enumerable.Reverse(state.State.Pages))
        {
            if (found.Count >= limit || page.Newest < from) break;
            if (query.To is { } to && page.Oldest > to) continue;
            var entries = await Page(page.Number).Read();
            found.AddRange(entries.Reverse().Where(Matches).Take(limit - found.Count));
        }
        return found.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(limit).ToList();
    }

    public Task<IReadOnlyList<SecurityEvent>> Unacknowledged() =>
        Task.FromResult<IReadOnlyList<SecurityEvent>>(Enumerable.Reverse(state.State.Unacknowledged).ToList());

    public async Task<AcknowledgeOutcome> Acknowledge(long id, string by, string? client)
    {
        var open = state.State.Unacknowledged.FirstOrDefault(e => e.Id == id);
        if (open is null) return AcknowledgeOutcome.NotFound;
        // Nor can the new account itself: two people must have seen it.
        if (string.Equals(open.Actor, by, StringComparison.OrdinalIgnoreCase)
            || string.Equals(open.Subject, by, StringComparison.OrdinalIgnoreCase))
        {
            return AcknowledgeOutcome.ByCreator;
        }
        state.State.Unacknowledged.Remove(open);
        // Recorded in the same write as the removal.
        await Record(new SecurityEvent(0, default, SecurityEventKind.Acknowledged, by, client, open.Subject, $"#{id}"));
        return AcknowledgeOutcome.Done;
    }

    public async Task<int> Prune(DateTimeOffset before)
    {
        var s = state.State;
        var removed = s.Recent.RemoveAll(e => e.At < before);
        var changed = removed > 0;
        // Pages are in time order, so the first page that starts after the cutoff ends the work.
        foreach (var page in s.Pages.ToList())
        {
            if (page.Oldest >= before) break;
            var left = await Page(page.Number).Prune(before);
            removed += page.Count - left;
            var index = s.Pages.IndexOf(page);
            if (left == 0) s.Pages.RemoveAt(index);
            else s.Pages[index] = page with { Count = left, Oldest = before };
            changed = true;
        }
        if (changed) await state.WriteStateAsync();
        return removed;
    }

    private ISecurityLogPageGrain Page(int number) =>
        GrainFactory.GetGrain<ISecurityLogPageGrain>($"{this.GetPrimaryKeyString()}#{number}");
}

[GenerateSerializer, Alias("kring.state.SecurityLogPage")]
public sealed class SecurityLogPageState
{
    [Id(0)] public List<SecurityEvent> Entries { get; set; } = [];
}

public sealed class SecurityLogPageGrain(
    [PersistentState("securitylogpage", KringStorage.Name)] IPersistentState<SecurityLogPageState> state) : Grain, ISecurityLogPageGrain
{
    public async Task Write(IReadOnlyList<SecurityEvent> entries)
    {
        state.State.Entries = entries.ToList();
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<SecurityEvent>> Read() => Task.FromResult<IReadOnlyList<SecurityEvent>>(state.State.Entries.ToList());

    public async Task<int> Prune(DateTimeOffset before)
    {
        if (state.State.Entries.RemoveAll(e => e.At < before) == 0) return state.State.Entries.Count;
        if (state.State.Entries.Count > 0)
        {
            await state.WriteStateAsync();
            return state.State.Entries.Count;
        }
        await state.ClearStateAsync();
        return 0;
    }
}
