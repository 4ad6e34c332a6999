using Orleans.Concurrency;

namespace Kring;

/// <summary>What someone did with a circle's personal data.</summary>
[GenerateSerializer, Alias("kring.AccessKind")]
public enum AccessKind
{
    /// <summary>The circle: carer, person cared for, needs, requests.</summary>
    CircleViewed = 0,
    RequestViewed = 1,
    /// <summary>Shown among other circles: a list, a table, a queue.</summary>
    Listed = 2,
    /// <summary>A matched volunteer saw the carer's contact details for their assignment.</summary>
    ContactViewed = 3,
    CheckIn = 4,
    Registered = 5,
    Exported = 6,
    Erased = 7,
    /// <summary>The consultant gave the carer an account for the circle.</summary>
    AccountCreated = 8,
}

/// <summary>
/// One line of a circle's access log: who, in which role, when (UTC), what and through which route. The same view
/// repeated shortly after is merged into the line: <see cref="Times"/> counts the views, <see cref="LastAt"/> is the
/// latest (null for a single view; entries stored before merging existed read as one view).
/// </summary>
[GenerateSerializer, Alias("kring.AccessEntry")]
public sealed record AccessEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string UserName,
    [property: Id(2)] Role Role,
    [property: Id(3)] AccessKind Kind,
    [property: Id(4)] string Route,
    [property: Id(5)] string? RequestId = null,
    [property: Id(6)] int Times = 1,
    [property: Id(7)] DateTimeOffset? LastAt = null);

/// <summary>
/// Who saw a circle's personal data, and when. Key: circle id. Recent entries live here; full pages of older ones in
/// <see cref="IAccessLogPageGrain"/>s, so recording one view never rewrites the whole log.
/// </summary>
[Alias("kring.IAccessLogGrain")]
public interface IAccessLogGrain : IGrainWithStringKey
{
    /// <summary>Appends the entry, stamped with the cluster's time.</summary>
    [Alias("Record")] Task Record(AccessEntry entry);
    /// <summary>Newest first (by first view), without entries whose last view is past their retention.</summary>
    [Alias("Read")] [ReadOnly] Task<IReadOnlyList<AccessEntry>> Read();
    /// <summary>Removes entries from before <paramref name="before"/>: how many went and how many remain. Idempotent.</summary>
    [Alias("Prune")] Task<(int Removed, int Left)> Prune(DateTimeOffset before);
    /// <summary>The carer was erased: their own views stay in the log without their user name. Idempotent.</summary>
    [Alias("ForgetCarer")] Task ForgetCarer();
}

/// <summary>One full page of an access log. Key: "{circleId}#{number}". Only <see cref="IAccessLogGrain"/> calls it.</summary>
[Alias("kring.IAccessLogPageGrain")]
public interface IAccessLogPageGrain : IGrainWithStringKey
{
    [Alias("Write")] Task Write(IReadOnlyList<AccessEntry> entries);
    [Alias("Read")] [ReadOnly] Task<IReadOnlyList<AccessEntry>> Read();
    /// <summary>Drops entries from before <paramref name="before"/>; returns how many remain.</summary>
    [Alias("Prune")] Task<int> Prune(DateTimeOffset before);
    [Alias("ForgetCarer")] Task ForgetCarer();
}

/// <summary>
/// The user names of the accounts that act for one circle (its carer) or one volunteer, so erasure can find them, or
/// of the staff accounts, so the operator can list them. Key: "circle/{id}", "volunteer/{id}" or "staff" (see
/// <see cref="AccountLinks"/>). Kept by the account grains.
/// </summary>
[Alias("kring.IAccountLinksGrain")]
public interface IAccountLinksGrain : IGrainWithStringKey
{
    [Alias("Link")] Task Link(string userName);
    [Alias("Unlink")] Task Unlink(string userName);
    [Alias("Get")] [ReadOnly] Task<IReadOnlyList<string>> Get();
}

public static class AccountLinks
{
    public static string Circle(string circleId) => $"circle/{circleId}";
    public static string Volunteer(string volunteerId) => $"volunteer/{volunteerId}";
    /// <summary>Accounts that act for no circle or volunteer: consultants, village contacts, coordinators, operators.</summary>
    public const string Staff = "staff";
}

/// <summary>
/// What an erasure did: the accounts it removed and, for a circle, the volunteers whose bookings with it were cancelled.
/// </summary>
[GenerateSerializer, Alias("kring.ErasureResult")]
public sealed record ErasureResult(
    [property: Id(0)] string SubjectId,
    [property: Id(1)] IReadOnlyList<string> RemovedAccounts,
    [property: Id(2)] IReadOnlyList<string> ReleasedVolunteers);

/// <summary>
/// Erases a carer's circle or a volunteer everywhere, in an order that can be repeated after a failure: the subject's
/// own grain first (which cancels or releases its bookings through the normal paths), then the other side of those
/// bookings, the accounts and the access log. Key: "default".
/// </summary>
[Alias("kring.IErasureGrain")]
public interface IErasureGrain : IGrainWithStringKey
{
    /// <summary>
    /// Cancels the circle's open, offered and future matched requests, blanks its personal data and removes the carer's
    /// accounts; counts stay with the village, anonymous. <paramref name="by"/> is recorded in the access log (the grain
    /// stamps its time). Repeating it finishes a run that failed half-way.
    /// </summary>
    [Alias("EraseCircle")] Task<ErasureResult> EraseCircle(string circleId, AccessEntry by);
    /// <summary>
    /// Takes the volunteer out of matching, declines their pending offers, gives their future bookings back to the
    /// circles (which open them for matching again), blanks the profile and removes the accounts. Repeatable.
    /// </summary>
    [Alias("EraseVolunteer")] Task<ErasureResult> EraseVolunteer(string volunteerId, string by);
}

/// <summary>What one retention sweep removed.</summary>
[GenerateSerializer, Alias("kring.RetentionReport")]
public sealed record RetentionReport(
    [property: Id(0)] int Requests,
    [property: Id(1)] int Assignments,
    [property: Id(2)] int AccessEntries,
    [property: Id(3)] int CheckIns = 0,
    [property: Id(4)] int SecurityEvents = 0);

/// <summary>
/// The daily retention sweep for one village's circles and volunteers (a reminder calls <see cref="Sweep"/>). Key:
/// village id.
/// </summary>
[Alias("kring.IRetentionGrain")]
public interface IRetentionGrain : IGrainWithStringKey
{
    /// <summary>Registers the daily reminder unless it is there already.</summary>
    [Alias("Arm")] Task Arm();
    /// <summary>
    /// Removes closed requests and volunteers' past bookings older than Kring:Retention:ClosedRequests, and access-log
    /// entries older than Kring:Retention:AccessLog, balance check-ins older than Kring:Retention:CheckIns, and security
    /// events older than Kring:Retention:SecurityEvents (the one log of the deployment; each village's sweep prunes it,
    /// which after the first costs one call that finds nothing). Idempotent.
    /// </summary>
    [Alias("Sweep")] Task<RetentionReport> Sweep();
}
