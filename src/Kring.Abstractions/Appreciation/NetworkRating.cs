namespace Kring;

/// <summary>One partner's rating of the village network's collaboration, on Kaats' five questions, from 1 to 5.</summary>
[GenerateSerializer, Alias("kring.NetworkRating")]
public sealed record NetworkRating(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] IReadOnlyDictionary<string, int> Answers);
