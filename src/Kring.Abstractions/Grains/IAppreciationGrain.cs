using Orleans.Concurrency;

namespace Kring;

/// <summary>One year's appreciation round for registered carers. Key: the year, such as "2026".</summary>
[Alias("kring.IAppreciationGrain")]
public interface IAppreciationGrain : IGrainWithStringKey
{
    /// <summary>Records that the carer received it. Idempotent: the first receipt stands.</summary>
    [Alias("MarkReceived")] Task<AppreciationReceipt> MarkReceived(string circleId, string by);
    [Alias("GetReceived"), ReadOnly] Task<IReadOnlyList<AppreciationReceipt>> GetReceived();
}
