namespace Kring;

/// <summary>
/// One of the carer's own people in the circle. <see cref="Id"/> is also their schedule (a volunteer grain that only this
/// circle asks) and their account's volunteer id.
/// </summary>
[GenerateSerializer, Alias("kring.CircleMember")]
public sealed record CircleMember(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Email,
    [property: Id(3)] CircleRelation Relation,
    [property: Id(4)] string UserName,
    [property: Id(5)] DateTimeOffset InvitedAt,
    [property: Id(6)] string InvitedBy,
    /// <summary>When they can usually help, in their own words ("dinsdagmiddag, en in het weekend").</summary>
    [property: Id(7)] string? UsualTimes = null,
    /// <summary>What the carer lets this member see of the circle.</summary>
    [property: Id(8)] MemberSight Sight = MemberSight.WholeCalendar)
{
    public const int MaxUsualTimesLength = 200;
}

/// <summary>How a member of the circle is related to the carer.</summary>
[GenerateSerializer, Alias("kring.CircleRelation")]
public enum CircleRelation
{
    Partner = 0,
    Child = 1,
    Family = 2,
    Neighbour = 3,
    Friend = 4,
    Other = 5,
}

/// <summary>What the carer lets one of their own people see.</summary>
[GenerateSerializer, Alias("kring.MemberSight")]
public enum MemberSight
{
    /// <summary>The whole calendar (who helps when) and the other members.</summary>
    WholeCalendar = 0,
    /// <summary>Only what is asked of the circle and their own bookings; not who else helps, nor the other members.</summary>
    OwnPart = 1,
}
