using System.Text.RegularExpressions;
using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>
/// A forgotten password's link on the manual clock: it goes to the account's own address at most every five minutes,
/// and its code works once, until it expires or a newer link replaces it.
/// </summary>
public sealed partial class PasswordResetTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task A_reset_code_works_once_until_it_expires_or_is_replaced_and_links_go_out_at_most_every_five_minutes()
    {
        var w = new World(cluster.Client);
        var village = await w.Village("reset");
        var volunteerId = await w.Volunteer("vera", village);
        var address = $"{volunteerId}@example.org";
        await w.Volunteer(volunteerId).SetContact(new ContactDetails(address, null));
        var userName = w.Id("account");
        var account = w.Grains.GetGrain<IAccountGrain>(userName);
        await account.Set(new AccountRecord(userName, "Vera", "old-hash", Role.Volunteer, village, volunteerId, null, null));
        var outbox = w.Grains.GetGrain<IMailOutboxGrain>(MailOutboxes.For(address));

        Assert.True(await account.MailPasswordReset(Hour));
        Assert.False(await account.MailPasswordReset(Hour));
        var replaced = await MailedCode(outbox);
        cluster.Clock.Advance(AccountGrain.ResetInterval);
        Assert.True(await account.MailPasswordReset(Hour));
        var expiring = await MailedCode(outbox);
        Assert.Null(await account.ResetPassword(replaced, "new-hash"));
        cluster.Clock.Advance(Hour);
        Assert.Null(await account.ResetPassword(expiring, "new-hash"));

        Assert.True(await account.MailPasswordReset(Hour));
        var code = await MailedCode(outbox);
        Assert.NotNull(await account.ResetPassword(code, "new-hash"));
        Assert.Equal("new-hash", (await account.Get())!.PasswordHash);
        Assert.Null(await account.ResetPassword(code, "other-hash"));

        cluster.Clock.Advance(AccountGrain.ResetInterval);
        await account.SetBlocked(true);
        Assert.False(await account.MailPasswordReset(Hour));
        Assert.False(await w.Grains.GetGrain<IAccountGrain>(w.Id("nobody")).MailPasswordReset(Hour));
    }

    /// <summary>The code in the one reset mail waiting in the outbox, which is then delivered.</summary>
    private static async Task<string> MailedCode(IMailOutboxGrain outbox)
    {
        var mail = Assert.Single(await outbox.Lease(100), m => m.Id.StartsWith("reset/", StringComparison.Ordinal));
        await outbox.Delivered([mail.Id]);
        return Uri.UnescapeDataString(Code().Match(mail.TextBody).Groups[1].Value);
    }

    [GeneratedRegex(@"[?&]code=([^\s&]+)")]
    private static partial Regex Code();
}
