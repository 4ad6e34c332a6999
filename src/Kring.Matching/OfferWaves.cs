namespace Kring.Matching;

/// <summary>How far an offer wave reaches, widened step by step when nobody nearer can or will help.</summary>
public enum Reach
{
    /// <summary>Volunteers who live in the request's village.</summary>
    Village = 0,
    /// <summary>Also volunteers from the neighbouring villages.</summary>
    Neighbours = 1,
    /// <summary>Every volunteer in the municipality (the matching shard).</summary>
    Municipality = 2,
    /// <summary>The partner coordinator's queue; volunteers who turn up later are still offered the request.</summary>
    Coordinator = 3,
}

/// <summary>
/// How waves widen. Which volunteers a wave holds, within the reach and widening it while nobody there is eligible,
/// is decided by <see cref="Waves.WavePass"/>.
/// </summary>
public static class OfferWaves
{
    /// <summary>The reach after a whole wave lapsed without an accept.</summary>
    public static Reach Widen(Reach reach) => reach >= Reach.Coordinator ? Reach.Coordinator : reach + 1;
}
