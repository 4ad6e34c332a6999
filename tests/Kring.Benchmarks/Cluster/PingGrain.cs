namespace Kring.Benchmarks.Cluster;

/// <summary>The cheapest possible grain call: no state, no I/O. Its rate is the ceiling for any grain on this machine.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    Task<int> Ping(int value);
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value + 1);
}
