namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.NetworkHealth")]
public sealed class NetworkHealthState
{
    [Id(0)] public List<NetworkRating> Ratings { get; set; } = [];
}

public sealed class NetworkHealthGrain(
    [PersistentState("network", KringStorage.Name)] IPersistentState<NetworkHealthState> state) : Grain, INetworkHealthGrain
{
    public async Task Rate(NetworkRating rating)
    {
        var errors = Balance.NetworkQuestions.Validate(rating.Answers);
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors.Values), nameof(rating));
        // One rating per partner per quarter, so no partner can post until the village's average says what they like.
        var quarter = Balance.NetworkQuestions.Quarter(rating.At);
        state.State.Ratings.RemoveAll(r => r.PartnerId == rating.PartnerId && Balance.NetworkQuestions.Quarter(r.At) == quarter);
        state.State.Ratings.Add(rating);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<NetworkRating>> GetRatings() => Task.FromResult<IReadOnlyList<NetworkRating>>(state.State.Ratings.ToList());
}
