namespace Kring.Web.Privacy;

/// <summary>
/// The carer's contact details a volunteer may see: only for a booking still to come, and only while the circle agrees
/// that this volunteer is matched to it (a request that was unassigned, cancelled or erased meanwhile shows nothing).
/// </summary>
public static class Contacts
{
    public static async Task<CircleProfile?> For(IGrainFactory grains, Assignment assignment, string volunteerId, DateTimeOffset now)
    {
        if (assignment.End < now) return null;
        var circle = grains.GetGrain<ICarerCircleGrain>(assignment.CircleId);
        var request = await circle.GetRequest(assignment.RequestId);
        if (request is not { Status: RequestStatus.Matched } || request.VolunteerId != volunteerId) return null;
        var profile = (await circle.Get())?.Profile;
        // A carer who gave contact details chose whether their volunteer sees the phone number.
        return profile?.Contact is { SharePhone: false } ? profile with { Phone = null } : profile;
    }
}
