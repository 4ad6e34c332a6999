using System.Globalization;
using System.Net;
using Kring.Web.Services;

namespace Kring.Web.Security;

/// <summary>
/// Writes the security event log: every use case that signs in, throttles, makes, blocks or changes an account, erases
/// or exports records here, with who did it (the signed-in user, or the user name tried), from which address, and on
/// whom. Callers await it, so an event that could not be recorded fails the request instead of going unrecorded.
/// </summary>
public sealed class SecurityLog(IGrainFactory grains)
{
    private const int MaxText = 100;

    public Task<long> Record(HttpContext http, SecurityEventKind kind, string? subject, string? detail = null,
        string? actor = null, bool needsAcknowledgement = false) =>
        Grain.Record(new SecurityEvent(0, default, kind, Cut(actor ?? KringUser.From(http.User)?.UserName), Address(http), Cut(subject),
            Cut(detail), needsAcknowledgement));

    /// <summary>A new account: with wide rights (consultant, operator) it waits for another operator to acknowledge it.</summary>
    public Task<long> AccountCreated(HttpContext http, string userName, Role role) =>
        Record(http, SecurityEventKind.AccountCreated, userName, AccountDesk.Code(role),
            needsAcknowledgement: role is Role.CarerConsultant or Role.Operator);

    public ISecurityLogGrain Grain => grains.GetGrain<ISecurityLogGrain>(SecurityLogKeys.Default);

    /// <summary>
    /// The client's full address (as the trusted proxy reports it); throttling uses <see
    /// cref="SignInLimits.ClientKey"/>.
    /// </summary>
    public static string? Address(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null) return null;
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>The Dutch message for a throttled attempt.</summary>
    public static string TooManyAttempts(TimeSpan wait) =>
        string.Format(CultureInfo.InvariantCulture, "Te veel pogingen; probeer het over {0} seconden opnieuw.", Seconds(wait));

    private static string? Cut(string? text) => text is null ? null : text.Length > MaxText ? text[..MaxText] : text;
}
