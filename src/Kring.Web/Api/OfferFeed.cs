using System.Runtime.CompilerServices;
using System.Text.Json;
using Kring.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kring.Web.Api;

/// <summary>
/// The volunteer's pending offers as a server-sent event stream: the ids now, then again whenever they change (and at
/// least every heartbeat, so proxies keep the connection open). /Vrijwilliger follows it to show new offers at once.
/// </summary>
public static class OfferFeed
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static ServerSentEventsResult<string> Stream(HttpContext http, IGrainFactory grains, IHostApplicationLifetime lifetime)
    {
        var volunteer = grains.GetGrain<IVolunteerGrain>(KringUser.From(http.User)!.VolunteerId!);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.ServerSentEvents(Pending(volunteer, http.RequestAborted, lifetime.ApplicationStopping), "offers");
    }

    private static async IAsyncEnumerable<string> Pending(
        IVolunteerGrain volunteer, CancellationToken aborted, CancellationToken stopping,
            [EnumeratorCancellation] CancellationToken enumeration = default)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping, enumeration);
        string? last = null;
        var lastSent = DateTimeOffset.MinValue;
        while (!cancel.IsCancellationRequested)
        {
            string json;
            try
            {
                var ids = (await volunteer.GetOffers()).Where(o => o.Status == OfferStatus.Pending).Select(o =>
                    o.Id).Order(StringComparer.Ordinal);
                json = JsonSerializer.Serialize(ids);
            }
            catch (Exception) when (!cancel.IsCancellationRequested)
            {
                // The cluster did not answer: end the stream; the browser's EventSource reconnects by itself.
                yield break;
            }
            var now = TimeProvider.System.GetUtcNow();
            if (json != last || now - lastSent >= Heartbeat)
            {
                (last, lastSent) = (json, now);
                yield return json;
            }
            try
            {
                await Task.Delay(Interval, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }
}
