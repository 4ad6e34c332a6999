using Kring.Grains.Operations;
using Orleans.Concurrency;

namespace Kring.Grains.Mail;

[GenerateSerializer, Alias("kring.state.MailOutbox")]
public sealed class MailOutboxState
{
    [Id(0)] public Dictionary<string, QueuedMail> Pending { get; set; } = new();
    /// <summary>Ids sent lately, so an event queued again after its mail went out does not send it twice.</summary>
    [Id(1)] public Dictionary<string, DateTimeOffset> Sent { get; set; } = new();
    [Id(2)] public List<ParkedMail> Parked { get; set; } = [];
    [Id(3)] public long Delivered { get; set; }
}

[GenerateSerializer, Alias("kring.state.QueuedMail")]
public sealed record QueuedMail(
    [property: Id(0)] OutgoingMail Mail,
    [property: Id(1)] int Attempts,
    [property: Id(2)] DateTimeOffset NextAttempt,
    [property: Id(3)] string? LastError);

/// <summary>
/// A durable outbox. Leases live in memory only: after a crash a leased message is due again at once, and is sent again
/// with the same Message-ID (at least once, never a different mail). Calls interleave so that the changes of many
/// callers are stored by one write (a group commit); each caller still returns only once a write that holds its
/// change has finished.
/// </summary>
[Reentrant]
public sealed class MailOutboxGrain(
    [PersistentState("mailoutbox", KringStorage.Name)] IPersistentState<MailOutboxState> state,
    KringMetrics metrics,
    TimeProvider clock) : Grain, IMailOutboxGrain
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RememberSent = TimeSpan.FromDays(7);
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);
    private readonly Dictionary<string, DateTimeOffset> _leases = new();
    private long _changes;
    private long _stored;
    private Task? _writing;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Report();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.OutboxGone(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    private void Report() =>
        metrics.OutboxRead(this.GetPrimaryKeyString(),
            new OutboxReading(state.State.Pending.Count, state.State.Parked.Count, OldestQueuedAt()));

    private DateTimeOffset? OldestQueuedAt() =>
        state.State.Pending.Count == 0 ? null : state.State.Pending.Values.Min(q => q.Mail.QueuedAt);

    /// <summary>Waits until a write that started after this call's change has finished, starting one when none runs.</summary>
    private async Task Persist()
    {
        var mine = ++_changes;
        while (_stored < mine)
        {
            if (_writing is { } running)
            {
                await running;
                continue;
            }
            var write = Write(_changes);
            // A write that finished at once (in-memory storage) has already cleared _writing; keep only one still running.
            if (!write.IsCompleted) _writing = write;
            await write;
        }
    }

    private async Task Write(long upTo)
    {
        try
        {
            await state.WriteStateAsync();
            _stored = Math.Max(_stored, upTo);
            Report();
        }
        finally
        {
            _writing = null;
        }
    }

    public async Task Queue(OutgoingMail mail)
    {
        var s = state.State;
        if (s.Pending.ContainsKey(mail.Id) || s.Sent.ContainsKey(mail.Id) || s.Parked.Any(p => p.Mail.Id == mail.Id)) return;
        var now = clock.GetUtcNow();
        s.Pending[mail.Id] = new QueuedMail(mail, 0, mail.NotBefore is { } later && later > now ? later : now, null);
        await Persist();
        metrics.MailQueued();
    }

    public Task<IReadOnlyList<OutgoingMail>> Lease(int max)
    {
        var now = clock.GetUtcNow();
        var due = state.State.Pending.Values
            .Where(q => q.NextAttempt <= now && !(_leases.TryGetValue(q.Mail.Id, out var until) && until > now))
            .OrderBy(q => q.Mail.QueuedAt)
            .Take(max)
            .Select(q => q.Mail)
            .ToList();
        foreach (var mail in due) _leases[mail.Id] = now + LeaseTime;
        return Task.FromResult<IReadOnlyList<OutgoingMail>>(due);
    }

    public async Task Delivered(IReadOnlyList<string> ids)
    {
        var s = state.State;
        var now = clock.GetUtcNow();
        var sent = 0;
        foreach (var id in ids)
        {
            _leases.Remove(id);
            if (!s.Pending.Remove(id)) continue;
            s.Sent[id] = now;
            s.Delivered++;
            sent++;
        }
        if (sent == 0) return;
        foreach (var old in s.Sent.Where(e => now - e.Value > RememberSent).Select(e => e.Key).ToList()) s.Sent.Remove(old);
        await Persist();
        metrics.MailSent(sent);
    }

    public async Task Failed(string id, string error, int maxAttempts)
    {
        _leases.Remove(id);
        if (!state.State.Pending.TryGetValue(id, out var queued)) return;
        var now = clock.GetUtcNow();
        var attempts = queued.Attempts + 1;
        var detail = error.Length > 500 ? error[..500] : error;
        var parked = attempts >= maxAttempts;
        if (parked)
        {
            state.State.Pending.Remove(id);
            state.State.Parked.Add(new ParkedMail(queued.Mail, attempts, detail, now));
        }
        else
        {
            var wait = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempts), LongestWait.TotalSeconds));
            state.State.Pending[id] = queued with { Attempts = attempts, NextAttempt = now + wait, LastError = detail };
        }
        await Persist();
        metrics.MailFailed(parked);
    }

    public async Task<bool> Retry(string id)
    {
        var parked = state.State.Parked.FirstOrDefault(p => p.Mail.Id == id);
        if (parked is null) return false;
        state.State.Parked.Remove(parked);
        state.State.Pending[id] = new QueuedMail(parked.Mail, 0, clock.GetUtcNow(), null);
        await Persist();
        return true;
    }

    public Task<MailOutboxStatus> GetStatus() =>
        Task.FromResult(new MailOutboxStatus(state.State.Pending.Count, state.State.Parked.ToList(), state.State.Delivered,
            state.State.Pending.Values.Count(q => q.Attempts > 0), state.State.Pending.Keys.Order(StringComparer.Ordinal).ToList(),
            OldestQueuedAt()));
}
