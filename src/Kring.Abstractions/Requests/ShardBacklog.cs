namespace Kring;

/// <summary>What one matching shard holds, as operators see it: counts per village and age, never a person.</summary>
[GenerateSerializer, Alias("kring.ShardBacklog")]
public sealed record ShardBacklog(
    [property: Id(0)] string Region,
    [property: Id(1)] IReadOnlyList<VillageBacklog> Villages,
    [property: Id(2)] int OutstandingOffers,
    /// <summary>Offers that passed their deadline unanswered since midnight, Amsterdam time.</summary>
    [property: Id(3)] int LapsedToday,
    /// <summary>Pending requests whose start passed over two minutes ago: the shard should have expired them.</summary>
    [property: Id(4)] int Overdue,
    /// <summary>Pending requests that start within 24 hours.</summary>
    [property: Id(5)] int StartingWithin24Hours,
    /// <summary>Pending requests waiting in a partner coordinator's queue.</summary>
    [property: Id(6)] int WithCoordinator,
    [property: Id(7)] DateTimeOffset? OldestFiledAt)
{
    public int Pending => Villages.Sum(v => v.Total);
}

/// <summary>The pending requests of one village, by how long they have waited since they were filed.</summary>
[GenerateSerializer, Alias("kring.VillageBacklog")]
public sealed record VillageBacklog(
    [property: Id(0)] string Village,
    [property: Id(1)] int UnderADay,
    [property: Id(2)] int UnderAWeek,
    [property: Id(3)] int Longer)
{
    public int Total => UnderADay + UnderAWeek + Longer;
}
