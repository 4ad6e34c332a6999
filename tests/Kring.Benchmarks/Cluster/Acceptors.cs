using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;

namespace Kring.Benchmarks.Cluster;

/// <summary>
/// Volunteers who say yes at once. When a request's first offer reaches a volunteer (<see cref="OfferProbe"/>), one of
/// a few workers does what the volunteer's app does: <see cref="IVolunteerGrain.GetOffers"/>, then
/// <see cref="IVolunteerGrain.Accept"/> on that pending offer. Only the first volunteer offered answers, so every
/// request costs one accept and the others' offers are withdrawn when it is matched.
/// </summary>
public sealed class Acceptors : IAsyncDisposable
{
    private readonly IGrainFactory _grains;
    private readonly OfferProbe _probe;
    private readonly Action<string, OfferReply, long> _answered;
    private readonly Channel<(string VolunteerId, string RequestId)> _work = Channel.CreateUnbounded<(string, string)>();
    private readonly ConcurrentDictionary<string, int> _replies = new(StringComparer.Ordinal);
    private readonly Task[] _workers;

    /// <param name="answered">Called with the request id, the reply and the <see cref="Stopwatch.GetTimestamp"/> of the reply.</param>
    public Acceptors(IGrainFactory grains, OfferProbe probe, int workers, Action<string, OfferReply, long> answered)
    {
        _grains = grains;
        _probe = probe;
        _answered = answered;
        probe.OnFirstOffer = (volunteerId, requestId) => _work.Writer.TryWrite((volunteerId, requestId));
        _workers = Enumerable.Range(0, workers).Select(_ => Task.Run(Work)).ToArray();
    }

    /// <summary>"Accepted 1000", and any other outcome with its count.</summary>
    public string Describe() => string.Join(", ", _replies.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}"));

    private async Task Work()
    {
        await foreach (var (volunteerId, requestId) in _work.Reader.ReadAllAsync())
        {
            string outcome;
            try
            {
                var volunteer = _grains.GetGrain<IVolunteerGrain>(volunteerId);
                var offer = (await volunteer.GetOffers()).FirstOrDefault(o => o.RequestId == requestId && o.Status == OfferStatus.Pending);
                var reply = offer is null ? OfferReply.NotFound : await volunteer.Accept(offer.Id);
                _answered(requestId, reply, Stopwatch.GetTimestamp());
                outcome = reply.ToString();
            }
            catch (Exception e)
            {
                outcome = e.GetType().Name;
            }
            _replies.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _probe.OnFirstOffer = null;
        _work.Writer.TryComplete();
        await Task.WhenAll(_workers);
    }
}
