using Orleans.Concurrency;

namespace Kring;

/// <summary>Remembers which seed data set has been loaded, so loading happens once. Key: seed name.</summary>
[Alias("kring.ISeedGrain")]
public interface ISeedGrain : IGrainWithStringKey
{
    [Alias("GetLoadedVersion"), ReadOnly] Task<string?> GetLoadedVersion();
    [Alias("MarkLoaded")] Task MarkLoaded(string version);
}
