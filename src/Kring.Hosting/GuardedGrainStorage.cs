using Kring.Grains;
using Kring.Grains.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Storage;

namespace Kring.Hosting;

/// <summary>
/// Kring's grain storage: Orleans' ADO.NET provider with two rules for when the database fails (is down, restarts).
/// <list type="number">
/// <item>A grain changes its state in memory and then writes it; when the write fails, the memory is ahead of the
/// database. Answering from it would be wrong: a retried request would find itself "already stored" and be acknowledged
/// although it never was, and matching would wait hours for offers it never sent. So a grain whose write failed is
/// deactivated after the failing call, and its next call reads what the database really has.</item>
/// <item>The failure reaches callers as an <see cref="OrleansException"/> that carries the driver's message but not
/// its exception object. Orleans cannot serialize Npgsql's exceptions (the reply would fail with a
/// CodecNotFoundException) and hands the innermost exception of a failed activation to the caller; either way the web
/// would answer 500. An OrleansException it answers with 503 and Retry-After. The silo logs the original exception.</item>
/// </list>
/// With <c>oneAtATime</c> (SQLite) the calls take turns. SQLite lets one writer in at a time anyway, and with a shared
/// cache a connection that finds a table locked gets SQLITE_LOCKED, which Microsoft.Data.Sqlite answers by sleeping
/// 150 ms before it tries again: a request behind another grain's write would wait 150 ms instead of a millisecond.
/// </summary>
public sealed partial class GuardedGrainStorage(
    IGrainStorage inner, IGrainContextAccessor grains, KringMetrics metrics, ILogger<GuardedGrainStorage> logger, bool oneAtATime = false)
    : IGrainStorage
{
    private readonly SemaphoreSlim? _turn = oneAtATime ? new SemaphoreSlim(1, 1) : null;

    /// <summary>The name the ADO.NET provider itself is registered under; grains use <see cref="KringStorage.Name"/>.</summary>
    public const string InnerName = KringStorage.Name + "-adonet";

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await InTurn(() => inner.ReadStateAsync(stateName, grainId, grainState));
        }
        catch (Exception e) when (e is not OrleansException)
        {
            throw Unavailable("read", e);
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await InTurn(() => inner.WriteStateAsync(stateName, grainId, grainState));
        }
        catch (Exception e)
        {
            metrics.StorageWriteFailed(grainId.Type.ToString()!);
            Forget(grainId, e);
            if (e is OrleansException) throw;
            throw Unavailable("write", e);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await InTurn(() => inner.ClearStateAsync(stateName, grainId, grainState));
        }
        catch (Exception e)
        {
            metrics.StorageWriteFailed(grainId.Type.ToString()!);
            Forget(grainId, e);
            if (e is OrleansException) throw;
            throw Unavailable("clear", e);
        }
    }

    private async Task InTurn(Func<Task> operation)
    {
        if (_turn is null)
        {
            await operation();
            return;
        }
        await _turn.WaitAsync();
        try
        {
            await operation();
        }
        finally
        {
            _turn.Release();
        }
    }

    private static OrleansException Unavailable(string operation, Exception e) =>
        new($"Could not {operation} grain state: {e.GetType().FullName}: {e.Message}");

    private void Forget(GrainId grainId, Exception e)
    {
        if (grains.GrainContext is not { } grain || grain.GrainId != grainId) return;
        LogDeactivated(logger, grainId);
        // The reason goes to callers whose messages were queued for this activation, so it carries text, not the driver's exception.
        grain.Deactivate(new DeactivationReason(
            DeactivationReasonCode.ApplicationError, $"Its state could not be stored: {e.GetType().FullName}: {e.Message}"));
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not store the state of {GrainId}; it is deactivated so that it does not answer from unsaved state")]
    private static partial void LogDeactivated(ILogger logger, GrainId grainId);
}

public static class GuardedGrainStorageRegistration
{
    /// <summary>Grain storage "kring": the ADO.NET provider with these options, behind <see cref="GuardedGrainStorage"/>.</summary>
    /// <param name="oneAtATime">Whether storage calls take turns (see <see cref="GuardedGrainStorage"/>); for SQLite.</param>
    public static ISiloBuilder AddKringStorage(this ISiloBuilder silo, Action<AdoNetGrainStorageOptions> configure, bool oneAtATime)
    {
        silo.AddAdoNetGrainStorage(GuardedGrainStorage.InnerName, configure);
        silo.Services.AddKeyedSingleton<IGrainStorage>(KringStorage.Name, (services, _) => new GuardedGrainStorage(
            services.GetRequiredKeyedService<IGrainStorage>(GuardedGrainStorage.InnerName),
            services.GetRequiredService<IGrainContextAccessor>(),
            services.GetRequiredService<KringMetrics>(),
            services.GetRequiredService<ILogger<GuardedGrainStorage>>(),
            oneAtATime));
        return silo;
    }
}
