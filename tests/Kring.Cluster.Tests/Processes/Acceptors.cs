using System.Collections.Concurrent;

namespace Kring.Cluster.Tests.Processes;

/// <summary>
/// Volunteers who say yes to everything, all at the same time, through the Orleans client: each worker goes round its
/// share of the volunteers, reads their offers (<see cref="IVolunteerGrain.GetOffers"/>) and accepts every pending
/// one at once. Two offers for the same hour, or the same request offered to three volunteers, are raced on purpose:
/// the volunteer and circle grains must turn the losers into scheduleConflict and takenByOther. Errors (a silo that
/// just died) are counted and the round goes on, as a volunteer's app would try again later.
/// </summary>
public sealed class Acceptors : IAsyncDisposable
{
    /// <summary>How long a worker waits after a round in which none of its volunteers had a pending offer.</summary>
    private static readonly TimeSpan IdlePause = TimeSpan.FromMilliseconds(200);

    private readonly IGrainFactory _grains;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly Task[] _workers;

    public Acceptors(IGrainFactory grains, IReadOnlyList<string> volunteers, int workers)
    {
        _grains = grains;
        _workers = Enumerable.Range(0, workers)
            .Select(w => Task.Run(() => Work(volunteers.Where((_, i) => i % workers == w).ToList())))
            .ToArray();
    }

    /// <summary>Replies and errors with their counts, most frequent first: "Accepted 987, ScheduleConflict 40, ...".</summary>
    public string Describe() => string.Join(", ", _outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}"));

    public int Count(string outcome) => _outcomes.GetValueOrDefault(outcome);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        _stop.Dispose();
    }

    private async Task Work(IReadOnlyList<string> volunteers)
    {
        while (!_stop.IsCancellationRequested)
        {
            var busy = false;
            foreach (var id in volunteers)
            {
                if (_stop.IsCancellationRequested) return;
                try
                {
                    var volunteer = _grains.GetGrain<IVolunteerGrain>(id);
                    var pending = (await volunteer.GetOffers()).Where(o => o.Status == OfferStatus.Pending).ToList();
                    if (pending.Count == 0) continue;
                    busy = true;
                    var replies = await Task.WhenAll(pending.Select(async offer =>
                    {
                        try
                        {
                            return (await volunteer.Accept(offer.Id)).ToString();
                        }
                        catch (Exception e)
                        {
                            return e.GetType().Name;
                        }
                    }));
                    foreach (var reply in replies) _outcomes.AddOrUpdate(reply, 1, (_, n) => n + 1);
                }
                catch (Exception e)
                {
                    _outcomes.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                }
            }
            if (!busy)
            {
                try
                {
                    await Task.Delay(IdlePause, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
