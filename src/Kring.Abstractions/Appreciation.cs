using Orleans.Concurrency;

namespace Kring;

/// <summary>A carer received this year's appreciation (mantelzorgwaardering).</summary>
[GenerateSerializer, Alias("kring.AppreciationReceipt")]
public sealed record AppreciationReceipt(
    [property: Id(0)] string CircleId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By);

/// <summary>One year's appreciation round for registered carers. Key: the year, such as "2026".</summary>
[Alias("kring.IAppreciationGrain")]
public interface IAppreciationGrain : IGrainWithStringKey
{
    /// <summary>Records that the carer received it. Idempotent: the first receipt stands.</summary>
    [Alias("MarkReceived")] Task<AppreciationReceipt> MarkReceived(string circleId, string by);
    [Alias("GetReceived")] [ReadOnly] Task<IReadOnlyList<AppreciationReceipt>> GetReceived();
}

/// <summary>One partner's rating of the village network's collaboration, on Kaats' five questions, from 1 to 5.</summary>
[GenerateSerializer, Alias("kring.NetworkRating")]
public sealed record NetworkRating(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] IReadOnlyDictionary<string, int> Answers);

/// <summary>How the partners in one village's network rate their collaboration over time. Key: village id.</summary>
[Alias("kring.INetworkHealthGrain")]
public interface INetworkHealthGrain : IGrainWithStringKey
{
    /// <summary>Stores the rating; it replaces the same partner's earlier rating of the same quarter.</summary>
    [Alias("Rate")] Task Rate(NetworkRating rating);
    [Alias("GetRatings")] [ReadOnly] Task<IReadOnlyList<NetworkRating>> GetRatings();
}
