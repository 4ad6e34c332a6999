using Kring.Web.Input;
using Kring.Web.Security;

namespace Kring.Web.Services;

/// <summary>
/// The carer's own people, for the pages and the API alike: inviting them (an account for this circle only, and a mail
/// with its one-time code), what they see, and taking a request with one tap.
/// </summary>
public static class OwnCircleDesk
{
    public enum Refusal { None, NotAllowed, NoSuchCircle, Invalid, NoSuchRequest, NoAccount, NoSuchMember }

    /// <summary>The relations a member can have, by their code in the API, with the Dutch label of the pages.</summary>
    public static readonly IReadOnlyList<(string Code, CircleRelation Relation, string Label)> Relations =
    [
        ("partner", CircleRelation.Partner, "partner"),
        ("child", CircleRelation.Child, "kind"),
        ("family", CircleRelation.Family, "familie"),
        ("neighbour", CircleRelation.Neighbour, "buur"),
        ("friend", CircleRelation.Friend, "vriend(in)"),
        ("other", CircleRelation.Other, "anders"),
    ];

    /// <summary>What a member may see, by its code in the API, with the Dutch label of the pages.</summary>
    public static readonly IReadOnlyList<(string Code, MemberSight Sight, string Label)> Sights =
    [
        ("calendar", MemberSight.WholeCalendar, "de hele agenda en wie erbij hoort"),
        ("own", MemberSight.OwnPart, "alleen wat gevraagd wordt en de eigen afspraken"),
    ];

    public static string Code(MemberSight sight) => Sights.First(s => s.Sight == sight).Code;
    public static string Label(MemberSight sight) => Sights.First(s => s.Sight == sight).Label;

    public static string Code(CircleRelation relation) => Relations.First(r => r.Relation == relation).Code;
    public static string Label(CircleRelation relation) => Relations.First(r => r.Relation == relation).Label;

    /// <summary>The new member and their account (with its one-time code, shown once), or the refusal.</summary>
    public sealed record Invitation(Refusal Refusal, CircleMember? Member = null, AccountDto? Account = null);

    public static async Task<Invitation> Invite(
        IGrainFactory grains, Accounts accounts, SecurityLog log, HttpContext http, KringUser user, string circleId, string? name,
        string? email, string? relation, FieldErrors errors)
    {
        if (!user.CanRequestFor(circleId)) return new(Refusal.NotAllowed);
        var circle = grains.GetGrain<ICarerCircleGrain>(circleId);
        if (await circle.Get() is not { } view) return new(Refusal.NoSuchCircle);
        var cleanName = name?.Trim() ?? "";
        if (cleanName.Length is 0 or > 80) errors.Add("name", "Vul de naam in (hooguit 80 tekens).");
        var address = ContactInput.Email(email, errors);
        if (address is null && !errors.Has("email")) errors.Add("email", "Vul het e-mailadres in; daar gaat de uitnodiging heen.");
        var known = Relations.FirstOrDefault(r => r.Code == relation?.Trim().ToLowerInvariant());
        if (known.Code is null) errors.Add("relation", "Kies de relatie: partner, child, family, neighbour, friend of other.");
        if (errors.Any) return new(Refusal.Invalid);
        if (view.Members?.FirstOrDefault(m => string.Equals(m.Email, address, StringComparison.OrdinalIgnoreCase)) is { } already)
        {
            return new(Refusal.None, already);
        }

        var memberId = "m-" + Guid.NewGuid().ToString("N")[..12];
        var account = await AccountDesk.CreateMember(grains, accounts, log, http, view.Profile, memberId, cleanName, address!);
        if (account is null) return new(Refusal.NoAccount);
        await grains.GetGrain<IVolunteerGrain>(memberId).Register(new VolunteerProfile(memberId, cleanName, view.Profile.Village, 0, [],
            [], 0, null, new ContactDetails(address, null, OffersByMail: false), OwnCircleId: circleId));
        var member = new CircleMember(memberId, cleanName, address!, known.Relation, account.UserName, TimeProvider.System.GetUtcNow(),
            user.UserName);
        member = await circle.AddMember(member, account.ActivationCode!, account.ActivationExpiresAt!.Value);
        return new(Refusal.None, member, account);
    }

    /// <summary>One entry of the circle's shared calendar: who helps when. Notes and needs stay with the carer.</summary>
    public sealed record CalendarEntry(
        string RequestId, HelpKind Kind, DateTimeOffset Start, DateTimeOffset End, RequestStatus Status, string? Helper, bool OwnPeople,
        DateTimeOffset? CircleFirstUntil);

    /// <summary>
    /// The circle's requests from now on, for its carer, its members and the professionals. A member the carer lets see
    /// only their own part gets what is asked of the circle and their own bookings, not who else comes.
    /// </summary>
    public static IReadOnlyList<CalendarEntry> Calendar(CircleView circle, DateTimeOffset now, KringUser? viewer = null)
    {
        var members = (circle.Members ?? []).ToDictionary(m => m.Id);
        var onlyFor = Sight(circle, viewer) == MemberSight.OwnPart ? viewer!.VolunteerId : null;
        return circle.Requests
            .Where(r => r.End > now && r.Status is RequestStatus.Open or RequestStatus.Offered or RequestStatus.Matched)
            .Where(r => onlyFor is null || r.Status != RequestStatus.Matched || r.VolunteerId == onlyFor)
            .OrderBy(r => r.Start)
            .Select(r => new CalendarEntry(r.Id, r.Kind, r.Start, r.End, r.Status,
                r.VolunteerId is { } v && members.TryGetValue(v, out var m) ? m.Name : r.Helper?.FirstName,
                r.VolunteerId is { } id && members.ContainsKey(id), r.CircleFirstUntil))
            .ToList();
    }

    /// <summary>The own people this user may see: all of them, except for a member who may see only their own part.</summary>
    public static IReadOnlyList<CircleMember> VisibleMembers(CircleView circle, KringUser viewer) =>
        Sight(circle, viewer) == MemberSight.OwnPart
            ? (circle.Members ?? []).Where(m => m.Id == viewer.VolunteerId).ToList()
            : circle.Members ?? [];

    /// <summary>What the viewer may see when they are one of the circle's own people; the whole calendar for anyone else.</summary>
    private static MemberSight Sight(CircleView circle, KringUser? viewer) =>
        viewer is { Role: Role.CircleMember, VolunteerId: { } id }
            ? (circle.Members ?? []).FirstOrDefault(m => m.Id == id)?.Sight ?? MemberSight.OwnPart
            : MemberSight.WholeCalendar;

    /// <summary>The carer (or the consultant) says what one member sees.</summary>
    public static async Task<Refusal> SetSight(IGrainFactory grains, KringUser user, string circleId, string memberId, string? sight)
    {
        if (!user.CanRequestFor(circleId)) return Refusal.NotAllowed;
        var known = Sights.FirstOrDefault(s => s.Code == sight?.Trim().ToLowerInvariant());
        if (known.Code is null) return Refusal.Invalid;
        var circle = grains.GetGrain<ICarerCircleGrain>(circleId);
        if (await circle.Get() is null) return Refusal.NoSuchCircle;
        return await circle.SetMemberSight(memberId, known.Sight) ? Refusal.None : Refusal.NoSuchMember;
    }

    /// <summary>
    /// Takes a member out of the circle: the carer or the consultant does, or the member leaves themselves. Their bookings
    /// still to come open again, and their account and schedule go; their sessions end at once on this web node.
    /// </summary>
    public static async Task<Refusal> Remove(
        IGrainFactory grains, SessionStamps stamps, SecurityLog log, HttpContext http, KringUser user, string circleId, string memberId)
    {
        var self = user is { Role: Role.CircleMember } && user.CircleId == circleId && user.VolunteerId == memberId;
        if (!self && !user.CanRequestFor(circleId)) return Refusal.NotAllowed;
        if (await grains.GetGrain<ICarerCircleGrain>(circleId).Get() is not { } view) return Refusal.NoSuchCircle;
        if (view.Members?.Any(m => m.Id == memberId) != true) return Refusal.NoSuchMember;
        var result = await grains.GetGrain<IErasureGrain>(DirectoryKeys.Default).EraseMember(circleId, memberId, user.UserName);
        foreach (var userName in result.RemovedAccounts) stamps.Remember(userName, null);
        await log.Record(http, SecurityEventKind.MemberRemoved, memberId,
            result.RemovedAccounts.Count == 0 ? null : "accounts: " + string.Join(",", result.RemovedAccounts));
        return Refusal.None;
    }

    /// <summary>What a member sees of their circle, or null when the circle is gone.</summary>
    public static async Task<CircleView?> ForMember(IGrainFactory grains, KringUser user) =>
        user is { Role: Role.CircleMember, CircleId: { } circleId } ? await grains.GetGrain<ICarerCircleGrain>(circleId).Get() : null;

    /// <summary>The signed-in member takes the request: booked like an accept, first one wins.</summary>
    public static async Task<(Refusal Refusal, OfferReply? Reply, HelpRequestView? Request)> Take(
        IGrainFactory grains, KringUser user, string circleId, string requestId)
    {
        if (user is not { Role: Role.CircleMember, VolunteerId: { } memberId } || user.CircleId != circleId)
        {
            return (Refusal.NotAllowed, null, null);
        }
        var circle = grains.GetGrain<ICarerCircleGrain>(circleId);
        var request = await circle.GetRequest(requestId);
        if (request is null) return (Refusal.NoSuchRequest, null, null);
        if (request.Status != RequestStatus.Matched && request.Start <= TimeProvider.System.GetUtcNow())
        {
            return (Refusal.None, OfferReply.Expired, request);
        }
        var summary = new RequestSummary(request.Id, request.CircleId, request.Village, request.Kind, request.Start, request.End,
            request.Needs, request.Status, request.CreatedAt, [], request.Priority, request.SeriesId,
            CircleFirstUntil: request.CircleFirstUntil);
        var reply = await grains.GetGrain<IVolunteerGrain>(memberId).TakeFromOwnCircle(summary);
        return (Refusal.None, reply, await circle.GetRequest(requestId));
    }
}
