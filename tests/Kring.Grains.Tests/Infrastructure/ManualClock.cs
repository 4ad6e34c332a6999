namespace Kring.Grains.Tests.Infrastructure;

/// <summary>
/// A clock that only moves when a test says so. Grains read the time from it, and grain timers (the matching shard's
/// tick) run on it, so a deadline can be passed by advancing the clock instead of by waiting.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward and fires every timer that fell due, each once, on the thread pool.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        List<ManualTimer> due;
        lock (_gate)
        {
            _now += by;
            due = _timers.Where(t => t.DueAt is { } at && at <= _now).ToList();
            foreach (var timer in due) timer.Rearm(_now);
        }
        foreach (var timer in due) timer.Fire();
    }

    /// <summary>
    /// True when every timer that fired has since been re-armed, stopped or disposed by its owner. Orleans re-arms a
    /// grain timer only after its tick finished, so a test advances again only once this holds.
    /// </summary>
    public bool TimersSettled
    {
        get
        {
            lock (_gate) return _timers.All(t => !t.AwaitingChange);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate) _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        /// <summary>When the timer fires next; null when it is disarmed. Guarded by the clock's lock.</summary>
        public DateTimeOffset? DueAt { get; private set; }

        /// <summary>A one-shot timer fired and its owner has not changed it since. Guarded by the clock's lock.</summary>
        public bool AwaitingChange { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool fireNow;
            lock (clock._gate)
            {
                if (!clock._timers.Contains(this)) return false;
                AwaitingChange = false;
                _period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                fireNow = dueTime == TimeSpan.Zero;
                if (fireNow) Rearm(clock._now);
            }
            if (fireNow) Fire();
            return true;
        }

        public void Rearm(DateTimeOffset now)
        {
            var oneShot = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero;
            DueAt = oneShot ? null : now + _period;
            AwaitingChange = oneShot;
        }

        public void Fire() => ThreadPool.QueueUserWorkItem(_ => callback(state));

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                DueAt = null;
                AwaitingChange = false;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
