using Orleans.Concurrency;

namespace Kring;

/// <summary>How the partners in one village's network rate their collaboration over time. Key: village id.</summary>
[Alias("kring.INetworkHealthGrain")]
public interface INetworkHealthGrain : IGrainWithStringKey
{
    /// <summary>Stores the rating; it replaces the same partner's earlier rating of the same quarter.</summary>
    [Alias("Rate")] Task Rate(NetworkRating rating);
    [Alias("GetRatings"), ReadOnly] Task<IReadOnlyList<NetworkRating>> GetRatings();
}
