using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Kring.Grains;

/// <summary>
/// The shard's memory on disk: one row per pending request, written behind at each checkpoint and only for the requests
/// that changed since the last, so a checkpoint costs what changed and not everything pending. Nothing here protects an
/// acknowledged fact (the circle holds the request, the volunteer the booking); the rows spare a restarted shard from
/// asking the same volunteers again and keep its deadlines and widening.
/// </summary>
public sealed partial class MatchingGrain
{
    private const string RowStateName = "matching-request";
    private const string RowGrainType = "kringpending";
    private const int ParallelWrites = 32;

    private readonly Dictionary<string, GrainState<PendingMatch>> _rows = new(StringComparer.Ordinal);
    /// <summary>Rows of the per-kind shards of earlier versions, cleared once their request's own row is written.</summary>
    private readonly Dictionary<string, (GrainId Id, GrainState<PendingMatch> Row)> _legacyRows = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private IGrainStorage? _storage;

    private IGrainStorage Storage => _storage ??= ServiceProvider.GetRequiredKeyedService<IGrainStorage>(KringStorage.Name);

    /// <summary>The request's row is written at the next checkpoint (or cleared, once it left matching).</summary>
    private void Changed(PendingMatch pending) => _changed.Add(pending.Request.Id);

    private void Changed(IEnumerable<PendingMatch> pending)
    {
        foreach (var p in pending) Changed(p);
    }

    private GrainId RowId(string requestId) => RowId(this.GetPrimaryKeyString(), requestId);

    private static GrainId RowId(string shard, string requestId) => GrainId.Create(RowGrainType, $"{shard}/{requestId}");

    /// <summary>Writes the rows of the requests that changed, and clears those of requests that left.</summary>
    private async Task Checkpoint(CancellationToken cancellationToken)
    {
        if (_changed.Count == 0 && !_tallyChanged) return;
        var ids = _changed.ToList();
        _changed.Clear();
        try
        {
            for (var i = 0; i < ids.Count; i += ParallelWrites)
            {
                await Task.WhenAll(ids.Skip(i).Take(ParallelWrites).Select(Store));
            }
        }
        catch
        {
            foreach (var id in ids) _changed.Add(id);
            throw;
        }
        metrics.ShardWrites(_region, ids.Count);
        if (state.State.Pending.Count > 0 || _tallyChanged)
        {
            // The rows now hold what the single state of earlier versions held.
            state.State.Pending.Clear();
            await state.WriteStateAsync(cancellationToken);
            _tallyChanged = false;
        }
    }

    private async Task Store(string requestId)
    {
        var row = await Row(requestId, create: _pending.ContainsKey(requestId));
        if (row is null) return;
        if (_pending.TryGetValue(requestId, out var pending))
        {
            row.State = pending;
            await Storage.WriteStateAsync(RowStateName, RowId(requestId), row);
        }
        else
        {
            _rows.Remove(requestId);
            if (row.RecordExists) await Storage.ClearStateAsync(RowStateName, RowId(requestId), row);
        }
        if (_legacyRows.Remove(requestId, out var legacy))
        {
            await Storage.ClearStateAsync(RowStateName, legacy.Id, legacy.Row);
        }
    }

    /// <summary>The request's row as last read or written, read first when this activation has not seen it.</summary>
    private async Task<GrainState<PendingMatch>?> Row(string requestId, bool create)
    {
        if (_rows.TryGetValue(requestId, out var row)) return row;
        if (!create) return null;
        row = new GrainState<PendingMatch>();
        await Storage.ReadStateAsync(RowStateName, RowId(requestId), row);
        _rows[requestId] = row;
        return row;
    }

    /// <summary>What the shard knew of a request before it stopped, or null when it never wrote it.</summary>
    private async Task<PendingMatch?> Restore(RequestSummary request)
    {
        var row = new GrainState<PendingMatch>();
        await Storage.ReadStateAsync(RowStateName, RowId(request.Id), row);
        _rows[request.Id] = row;
        if (!row.RecordExists && await RestoreLegacy(request) is { } legacy) return legacy;
        if (!row.RecordExists || row.State is not { Request: not null } known) return null;
        known.Request = request;
        return known;
    }

    /// <summary>The row a per-kind shard of an earlier version wrote; it moves to this shard at the next checkpoint.</summary>
    private async Task<PendingMatch?> RestoreLegacy(RequestSummary request)
    {
        var id = RowId(MatchingShard.LegacyKey(_region, request.Kind), request.Id);
        var row = new GrainState<PendingMatch>();
        await Storage.ReadStateAsync(RowStateName, id, row);
        if (!row.RecordExists || row.State is not { Request: not null } known) return null;
        _legacyRows[request.Id] = (id, row);
        known.Request = request;
        Changed(known);
        return known;
    }
}
