using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>The account grain's lockout and security stamp, on the manual clock.</summary>
public sealed class AccountLockoutTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private async Task<IAccountGrain> NewAccount()
    {
        var name = "proef-" + Guid.NewGuid().ToString("N")[..8];
        var grain = cluster.Client.GetGrain<IAccountGrain>(name);
        await grain.Set(new AccountRecord(name, "Proef", "hash-1", Role.Carer, "dorp", null, "kring", null));
        return grain;
    }

    [Fact]
    public async Task A_blocked_account_refuses_even_the_right_password_and_its_sessions_end_until_it_is_unblocked()
    {
        var account = await NewAccount();
        var before = (await account.Get())!.SecurityStamp;

        var blockedStamp = await account.SetBlocked(true);
        Assert.NotEqual(before, blockedStamp);
        Assert.Equal(blockedStamp, await account.SetBlocked(true));
        Assert.False(await account.SignInAttempt(passwordValid: true));
        Assert.True((await account.GetStatus())!.Blocked);

        Assert.Equal(blockedStamp, await account.SetBlocked(false));
        Assert.False((await account.GetStatus())!.Blocked);
        Assert.True(await account.SignInAttempt(passwordValid: true));
        Assert.Null(await cluster.Client.GetGrain<IAccountGrain>("niemand-" + Guid.NewGuid().ToString("N")[..8]).SetBlocked(true));
    }

    [Fact]
    public async Task Staff_accounts_are_listed_together_and_leave_the_list_when_removed()
    {
        var name = "staf-" + Guid.NewGuid().ToString("N")[..8];
        var staff = cluster.Client.GetGrain<IAccountGrain>(name);
        await staff.Set(new AccountRecord(name, "Staf", "hash-1", Role.VillageContact, "dorp", null, null, null));
        var list = cluster.Client.GetGrain<IAccountLinksGrain>(AccountLinks.Staff);
        Assert.Contains(name, await list.Get());
        var carer = await NewAccount();
        Assert.DoesNotContain(carer.GetPrimaryKeyString(), await list.Get());

        await staff.Remove();
        Assert.DoesNotContain(name, await list.Get());
    }

    [Fact]
    public async Task Five_failures_in_a_row_lock_the_account_for_fifteen_minutes_even_for_the_right_password()
    {
        var account = await NewAccount();
        for (var i = 0; i < AccountGrain.MaxFailedSignIns; i++) Assert.False(await account.SignInAttempt(passwordValid: false));

        Assert.False(await account.SignInAttempt(passwordValid: true));
        await cluster.AdvanceClock(AccountGrain.Lockout - TimeSpan.FromSeconds(1));
        Assert.False(await account.SignInAttempt(passwordValid: true));

        await cluster.AdvanceClock(TimeSpan.FromSeconds(1));
        Assert.True(await account.SignInAttempt(passwordValid: true));
        // After the lock the count starts again from zero.
        for (var i = 0; i < AccountGrain.MaxFailedSignIns - 1; i++) Assert.False(await account.SignInAttempt(passwordValid: false));
        Assert.True(await account.SignInAttempt(passwordValid: true));
    }

    [Fact]
    public async Task A_success_forgives_earlier_failures_and_failures_far_apart_do_not_add_up()
    {
        var account = await NewAccount();
        for (var i = 0; i < AccountGrain.MaxFailedSignIns - 1; i++) Assert.False(await account.SignInAttempt(false));
        Assert.True(await account.SignInAttempt(true));
        for (var i = 0; i < AccountGrain.MaxFailedSignIns - 1; i++) Assert.False(await account.SignInAttempt(false));
        Assert.True(await account.SignInAttempt(true));

        for (var i = 0; i < AccountGrain.MaxFailedSignIns - 1; i++) Assert.False(await account.SignInAttempt(false));
        await cluster.AdvanceClock(AccountGrain.Lockout);
        Assert.False(await account.SignInAttempt(false));
        Assert.True(await account.SignInAttempt(true));
    }

    [Fact]
    public async Task An_unknown_account_is_never_admitted_and_nothing_is_stored_for_it()
    {
        var unknown = cluster.Client.GetGrain<IAccountGrain>("niemand-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.False(await unknown.SignInAttempt(true));
        Assert.Null(await unknown.RevokeSessions());
        Assert.Null(await unknown.ChangePassword("hash"));
        Assert.Null(await unknown.Get());
    }

    [Fact]
    public async Task The_security_stamp_changes_on_revocation_and_password_change_and_survives_a_reseed()
    {
        var account = await NewAccount();
        var first = (await account.Get())!.SecurityStamp;
        Assert.False(string.IsNullOrEmpty(first));

        // Seeding the same account again (same password) keeps the stamp, so nobody is signed out by a restart.
        var record = (await account.Get())!;
        await account.Set(record with { SecurityStamp = null, DisplayName = "Proef Twee" });
        Assert.Equal(first, (await account.Get())!.SecurityStamp);

        var revoked = await account.RevokeSessions();
        Assert.NotEqual(first, revoked);
        Assert.Equal(revoked, (await account.Get())!.SecurityStamp);

        for (var i = 0; i < AccountGrain.MaxFailedSignIns; i++) await account.SignInAttempt(false);
        var changed = await account.ChangePassword("hash-2");
        Assert.NotEqual(revoked, changed);
        var after = (await account.Get())!;
        Assert.Equal(("hash-2", changed), (after.PasswordHash, after.SecurityStamp));
        // A password change also lifts a lock: the web only changes it after checking the current password.
        Assert.True(await account.SignInAttempt(true));
        await Assert.ThrowsAsync<ArgumentException>(() => account.ChangePassword(" "));
    }
}
