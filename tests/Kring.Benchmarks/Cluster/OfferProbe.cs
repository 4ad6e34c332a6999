using System.Collections.Concurrent;
using System.Diagnostics;

namespace Kring.Benchmarks.Cluster;

/// <summary>
/// An incoming grain call filter in the benchmark's silo: notes the moment each request's first offer is stored at a
/// volunteer, that is when <see cref="IVolunteerGrain.ReceiveOffer"/> returned true. From then on the offer is what
/// the volunteer's <see cref="IVolunteerGrain.GetOffers"/> shows. The product's code is unchanged.
/// </summary>
public sealed class OfferProbe : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, long> _firstOffer = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<double> _receiveMs = new();
    private long _delivered;

    /// <summary>Called once per request, with the volunteer who holds its first offer (on the grain's thread: keep it short).</summary>
    public Action<string, string>? OnFirstOffer { get; set; }

    /// <summary>
    /// Called for every offer a volunteer stored, that is every <see cref="IVolunteerGrain.ReceiveOffer"/> that returned
    /// true, with the <see cref="Stopwatch.GetTimestamp"/> at which it returned (on the grain's thread: keep it short).
    /// A repeated delivery of a pending offer returns true again, so the same offer may come more than once.
    /// </summary>
    public Action<Offer, long>? OnOffer { get; set; }

    /// <summary>
    /// Called for every <see cref="IVolunteerGrain.ReceiveOffer"/> that completed, with the volunteer's id, the offer and
    /// whether the volunteer stored it (false: refused, for example because the time is already taken).
    /// </summary>
    public Action<string, Offer, bool>? OnDelivery { get; set; }

    /// <summary>Offers stored at volunteers since the silo started.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>The <see cref="Stopwatch.GetTimestamp"/> at which the request's first offer was stored.</summary>
    public bool TryGetFirstOffer(string requestId, out long timestamp) => _firstOffer.TryGetValue(requestId, out timestamp);

    /// <summary>
    /// How long the volunteer grain took for each new offer it stored, in ms: one check; the offer is written behind.
    /// </summary>
    public IReadOnlyList<double> ReceiveOfferMs() => _receiveMs.ToArray();

    public void ClearReceiveOfferMs() => _receiveMs.Clear();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        await context.Invoke();
        if (OnDelivery is { } delivery && context.MethodName == nameof(IVolunteerGrain.ReceiveOffer)
            && context.Request.GetInterfaceType() == typeof(IVolunteerGrain) && context.Request.GetArgument(0) is Offer delivered)
        {
            delivery(context.TargetId.Key.ToString()!, delivered, context.Result is true);
        }
        if (context.MethodName == nameof(IVolunteerGrain.ReceiveOffer)
            && context.Request.GetInterfaceType() == typeof(IVolunteerGrain)
            && context.Result is true
            && context.Request.GetArgument(0) is Offer offer)
        {
            var now = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _delivered);
            _receiveMs.Enqueue(Stopwatch.GetElapsedTime(started, now).TotalMilliseconds);
            OnOffer?.Invoke(offer, now);
            if (_firstOffer.TryAdd(offer.RequestId, now))
            {
                OnFirstOffer?.Invoke(context.TargetId.Key.ToString()!, offer.RequestId);
            }
        }
    }
}
