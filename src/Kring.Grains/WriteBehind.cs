namespace Kring.Grains;

/// <summary>
/// Writes a grain's state a moment after a change that need not be durable at once, so a burst of such changes costs
/// one write instead of one each. Only for what can be rebuilt or is redone after a crash (an offer's copy, a status
/// the shard re-sends); an acknowledged fact is written before it is acknowledged, through <see cref="WriteNow"/>,
/// which takes the waiting changes along. The grain flushes when it deactivates.
/// </summary>
internal sealed class WriteBehind(IGrainBase grain, Func<Task> write, TimeSpan delay)
{
    /// <summary>How long a change waits for others to join it. Short, as a crash loses what waits.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(2);

    private IGrainTimer? _timer;

    public bool Pending => _timer is not null;

    public void Schedule() => _timer ??= grain.RegisterGrainTimer(Flush, delay, Timeout.InfiniteTimeSpan);

    /// <summary>
    /// Writes the state now, for a change that must be durable before it is acknowledged; what waited goes along, so
    /// the waiting write is dropped instead of repeating it.
    /// </summary>
    public Task WriteNow()
    {
        _timer?.Dispose();
        _timer = null;
        return write();
    }

    public async Task Flush(CancellationToken cancellationToken = default)
    {
        if (_timer is null) return;
        _timer.Dispose();
        _timer = null;
        // A failed write deactivates the grain (see the storage guard); what waited is rebuilt or redone.
        await write();
    }
}
