namespace Kring.Web.Services;

/// <summary>Registering a carer's circle, for the consultant's page and the API alike.</summary>
public static class CircleDesk
{
    /// <summary>Registers the circle unless a retry with the same key already did.</summary>
    public static async Task<CircleView> RegisterOnce(IGrainFactory grains, CircleProfile profile)
    {
        var circle = grains.GetGrain<ICarerCircleGrain>(profile.Id);
        if (await circle.Get() is { } existing) return existing;
        await circle.Register(profile);
        return (await circle.Get())!;
    }
}
