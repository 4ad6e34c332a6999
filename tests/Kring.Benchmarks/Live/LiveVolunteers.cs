using System.Collections.Concurrent;
using System.Diagnostics;
using Kring.Benchmarks.Cluster;
using Kring.Matching;

namespace Kring.Benchmarks.Live;

/// <summary>
/// The instance's volunteers, answering every offer they get. An offer is noticed when the volunteer grain stored it
/// (<see cref="OfferProbe.OnDelivery"/>, an incoming grain call filter); after the reply delay the volunteer looks at
/// their offers as the app does and, if it is still pending, declines at random with the decline share (a hash of the
/// seed and the offer id, so the same offers are declined whatever the timing), declines when it would take them past
/// their weekly hours, and otherwise accepts; a clash with a booking is the grain's to answer (ScheduleConflict). One
/// volunteer answers one offer at a time. Every offer, refusal and answer counts as activity, for
/// <see cref="WaitUntilQuiet"/>.
/// </summary>
public sealed class LiveVolunteers : IAsyncDisposable
{
    private readonly IGrainFactory _grains;
    private readonly OfferProbe _probe;
    private readonly TimeSpan _replyDelay;
    private readonly double _declineShare;
    private readonly ulong _seed;
    private readonly Dictionary<string, double> _maxHours;
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> _answers = [];
    private TaskCompletionSource _activity = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastActivity = Stopwatch.GetTimestamp();
    private int _unanswered;
    private int _refused;

    public LiveVolunteers(IGrainFactory grains, OfferProbe probe, LiveInstance live, TimeSpan replyDelay, double declineShare, int seed)
    {
        _grains = grains;
        _probe = probe;
        _replyDelay = replyDelay;
        _declineShare = declineShare;
        _seed = (ulong)seed;
        _maxHours = live.Source.Volunteers.ToDictionary(v => v.Id, v => v.MaxHoursPerWeek ?? double.PositiveInfinity);
        probe.OnDelivery = Delivered;
    }

    /// <summary>Offers stored at a volunteer, each counted once.</summary>
    public int Offers => _seen.Count;
    /// <summary>Deliveries the volunteer grain refused (time already taken).</summary>
    public int Refused => Volatile.Read(ref _refused);
    /// <summary>The stopwatch timestamp of the last offer, refusal or answer.</summary>
    public long LastActivity => Volatile.Read(ref _lastActivity);

    /// <summary>"Accepted 80, declined at random 12, ..." with counts, most frequent first.</summary>
    public string Describe() => string.Join(", ", _outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}"));

    /// <summary>
    /// Waits until no offer waits for its answer and nothing happened for <paramref name="quiet"/>; false when
    /// <paramref name="cap"/> passed first.
    /// </summary>
    public async Task<bool> WaitUntilQuiet(TimeSpan quiet, TimeSpan cap)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < cap)
        {
            var next = Volatile.Read(ref _activity).Task;
            var idle = Stopwatch.GetElapsedTime(LastActivity);
            var busy = Volatile.Read(ref _unanswered) > 0;
            if (!busy && idle >= quiet) return true;
            var left = cap - clock.Elapsed;
            await Task.WhenAny(next, Task.Delay(busy || quiet - idle > left ? left : quiet - idle));
        }
        return false;
    }

    private void Delivered(string volunteerId, Offer offer, bool stored)
    {
        if (!stored) Interlocked.Increment(ref _refused);
        else if (_seen.TryAdd(offer.Id, 0))
        {
            Interlocked.Increment(ref _unanswered);
            // Off the grain's scheduler: the answer calls the volunteer grain like the app, from outside.
            _answers.Add(Task.Run(() => Answer(volunteerId, offer)));
        }
        Touch();
    }

    private async Task Answer(string volunteerId, Offer offer)
    {
        var gate = _gates.GetOrAdd(volunteerId, _ => new SemaphoreSlim(1, 1));
        try
        {
            // The volunteer's thinking time, which is what this benchmark varies; not a wait for an event.
            await Task.Delay(_replyDelay);
            await gate.WaitAsync();
            try
            {
                Count(await Reply(volunteerId, offer));
            }
            finally
            {
                gate.Release();
            }
        }
        catch (Exception e)
        {
            Count(e.GetType().Name);
        }
        finally
        {
            Interlocked.Decrement(ref _unanswered);
            Touch();
        }
    }

    private async Task<string> Reply(string volunteerId, Offer offer)
    {
        var volunteer = _grains.GetGrain<IVolunteerGrain>(volunteerId);
        var current = (await volunteer.GetOffers()).FirstOrDefault(o => o.Id == offer.Id);
        if (current is not { Status: OfferStatus.Pending }) return $"{current?.Status.ToString() ?? "gone"} before the answer";
        if (Unit(offer.Id) < _declineShare) return $"declined at random ({await volunteer.Decline(offer.Id)})";
        var window = new TimeWindow(offer.Start, offer.End);
        var week = window.IsoWeek(Availability.Amsterdam);
        var booked = (await volunteer.GetAssignments()).Select(a => new TimeWindow(a.Start, a.End))
            .Where(a => a.IsoWeek(Availability.Amsterdam) == week).Sum(a => a.Duration.TotalHours);
        if (booked + window.Duration.TotalHours > _maxHours.GetValueOrDefault(volunteerId, double.PositiveInfinity) + 1e-9)
        {
            return $"declined over weekly hours ({await volunteer.Decline(offer.Id)})";
        }
        return (await volunteer.Accept(offer.Id)).ToString();
    }

    /// <summary>A number in [0, 1) fixed by the seed and the offer id (FNV-1a, then SplitMix64's finaliser).</summary>
    private double Unit(string offerId)
    {
        var hash = 14695981039346656037UL ^ _seed;
        foreach (var c in offerId) hash = (hash ^ c) * 1099511628211UL;
        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBUL;
        hash ^= hash >> 31;
        return (hash >> 11) / (double)(1UL << 53);
    }

    private void Count(string outcome) => _outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);

    private void Touch()
    {
        Volatile.Write(ref _lastActivity, Stopwatch.GetTimestamp());
        Interlocked.Exchange(ref _activity, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        _probe.OnDelivery = null;
        await Task.WhenAll(_answers);
        foreach (var gate in _gates.Values) gate.Dispose();
    }
}
