using System.Diagnostics;
using Xunit.Sdk;

namespace Kring.Cluster.Tests.Processes;

/// <summary>Waits, bounded, until every request is matched and every match is in its volunteer's schedule.</summary>
public static class Settling
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Polls lightly (only the requests not yet seen matched, then everything once they all are) so the polling does not
    /// slow down the recovery it measures. Errors while the cluster recovers are part of waiting. On timeout it writes
    /// what is still unsettled to {artefacts}/unsettled.txt and fails.
    /// </summary>
    public static async Task<ClusterState> AllMatched(IGrainFactory grains, IReadOnlyList<(string CircleId, string RequestId)> requests,
        IReadOnlyList<string> volunteers, TimeSpan patience, string artefacts)
    {
        var started = Stopwatch.GetTimestamp();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        var last = "nothing read yet";
        while (true)
        {
            try
            {
                var unmatched = requests.Where(r => !matched.Contains(r.RequestId)).ToList();
                if (unmatched.Count > 0)
                {
                    var partial = await ClusterState.Read(grains, unmatched, []);
                    matched.UnionWith(partial.Requests.Where(r => r.Value?.Status == RequestStatus.Matched).Select(r => r.Key));
                    last = $"{matched.Count} of {requests.Count} matched; the others: {partial.Describe()}";
                }
                if (matched.Count == requests.Count)
                {
                    var state = await ClusterState.Read(grains, requests, volunteers);
                    var disagreements = state.Disagreements();
                    if (state.Count(RequestStatus.Matched) == requests.Count && disagreements.Count == 0) return state;
                    last = $"{state.Describe()}; {string.Join("; ", disagreements.Take(10))}";
                }
            }
            catch (Exception e)
            {
                last = $"{e.GetType().Name}: {e.Message}";
            }
            if (Stopwatch.GetElapsedTime(started) > patience)
            {
                var file = Path.Combine(artefacts, "unsettled.txt");
                try
                {
                    var state = await ClusterState.Read(grains, requests, volunteers);
                    await File.WriteAllTextAsync(file, await state.Explain(grains));
                }
                catch (Exception e)
                {
                    await File.WriteAllTextAsync(file, $"Could not read the cluster: {e}");
                }
                throw new XunitException(
                    $"Timed out after {patience.TotalSeconds:0} s waiting until every request is matched " +
                    "and in its volunteer's schedule. " +
                    $"Last seen: {last}. Details: {file}");
            }
            await Task.Delay(PollInterval);
        }
    }
}
