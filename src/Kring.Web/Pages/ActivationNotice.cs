using Kring.Web.Api;
using Kring.Web.Services;

namespace Kring.Web.Pages;

/// <summary>What a page shows once after making an activation code (partial <c>_ActivationCode</c>).</summary>
public sealed record ActivationNotice(string Message, string UserName, string DisplayName, string Code, DateTimeOffset ExpiresAt)
{
    public static ActivationNotice For(AccountDto account, string message) =>
        new(message, account.UserName, account.DisplayName, account.ActivationCode!, account.ActivationExpiresAt!.Value);
}
