using System.Globalization;
using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>The account grain's throttling of failed sign-ins per client, blocking and security stamp, on the manual clock.</summary>
public sealed class AccountThrottleTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
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
        Assert.False((await account.SignInAttempt(Here, passwordValid: true)).Allowed);
        Assert.True((await account.GetStatus())!.Blocked);

        Assert.Equal(blockedStamp, await account.SetBlocked(false));
        Assert.False((await account.GetStatus())!.Blocked);
        Assert.True((await account.SignInAttempt(Here, passwordValid: true)).Allowed);
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

    private const string Here = "198.51.100.7";
    private const string Elsewhere = "203.0.113.9";

    [Fact]
    public async Task Failures_slow_down_only_the_client_that_makes_them_with_growing_delays()
    {
        var account = await NewAccount();
        for (var i = 1; i < AccountGrain.FreeFailures; i++)
        {
            Assert.Equal(new SignInVerdict(false), await account.SignInAttempt(Here, false));
        }
        var third = await account.SignInAttempt(Here, false);
        Assert.Equal(TimeSpan.FromSeconds(1), third.Throttled);

        // While throttled, even the right password from this client is refused, with how long to wait.
        var refused = await account.SignInAttempt(Here, true);
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(1), await account.ThrottledFor(Here));
        // The right password from another client works at once.
        Assert.True((await account.SignInAttempt(Elsewhere, true)).Allowed);
        Assert.Null(await account.ThrottledFor(Elsewhere));

        await cluster.AdvanceClock(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(2), (await account.SignInAttempt(Here, false)).Throttled);
        await cluster.AdvanceClock(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(4), (await account.SignInAttempt(Here, false)).Throttled);
        var status = (await account.GetStatus())!;
        Assert.Equal(1, status.ThrottledClients);
        Assert.NotNull(status.ThrottledUntil);

        await cluster.AdvanceClock(TimeSpan.FromSeconds(4));
        Assert.True((await account.SignInAttempt(Here, true)).Allowed);
        // A success forgives that client's failures.
        Assert.Null((await account.SignInAttempt(Here, false)).Throttled);
    }

    [Fact]
    public async Task The_delay_doubles_up_to_fifteen_minutes()
    {
        Assert.Equal(TimeSpan.Zero, AccountGrain.Delay(AccountGrain.FreeFailures - 1));
        Assert.Equal(TimeSpan.FromSeconds(1), AccountGrain.Delay(3));
        Assert.Equal(TimeSpan.FromSeconds(8), AccountGrain.Delay(6));
        Assert.Equal(TimeSpan.FromMinutes(15), AccountGrain.Delay(13));
        Assert.Equal(TimeSpan.FromMinutes(15), AccountGrain.Delay(1000));

        var account = await NewAccount();
        for (var i = 0; i < 15; i++)
        {
            await account.SignInAttempt(Here, false);
            await cluster.AdvanceClock(AccountGrain.MaxDelay);
        }
        Assert.Equal(AccountGrain.MaxDelay, (await account.SignInAttempt(Here, false)).Throttled);
        // A day without failures and the client starts afresh.
        await cluster.AdvanceClock(AccountGrain.Forget);
        Assert.Null((await account.SignInAttempt(Here, false)).Throttled);
    }

    [Fact]
    public async Task An_operator_lifts_every_throttle_and_many_failures_across_clients_raise_the_alarm_once_an_hour()
    {
        var account = await NewAccount();
        var alarms = 0;
        for (var i = 0; i < AccountGrain.AlarmFailures; i++)
        {
            if ((await account.SignInAttempt($"192.0.2.{i}", false)).ManyFailures) alarms++;
            if ((await account.SignInAttempt($"192.0.2.{i}", false)).ManyFailures) alarms++;
        }
        Assert.Equal(1, alarms);
        for (var i = 0; i < AccountGrain.FreeFailures; i++) await account.SignInAttempt(Here, false);
        Assert.NotNull(await account.ThrottledFor(Here));

        Assert.True(await account.LiftThrottles());
        Assert.Null(await account.ThrottledFor(Here));
        Assert.True((await account.SignInAttempt(Here, true)).Allowed);
        Assert.Null((await account.GetStatus())!.ThrottledUntil);
        Assert.False(await cluster.Client.GetGrain<IAccountGrain>("niemand-" + Guid.NewGuid().ToString("N")[..8]).LiftThrottles());

        await cluster.AdvanceClock(AccountGrain.AlarmWindow);
        for (var i = 0; i < AccountGrain.AlarmFailures - 1; i++)
        {
            Assert.False((await account.SignInAttempt($"192.0.2.{i}", false)).ManyFailures);
        }
        Assert.True((await account.SignInAttempt("192.0.2.250", false)).ManyFailures);
    }

    [Fact]
    public async Task Beyond_the_remembered_clients_the_one_that_failed_longest_ago_is_forgotten_first()
    {
        var account = await NewAccount();
        for (var i = 0; i < AccountGrain.MaxClients; i++)
        {
            await account.SignInAttempt($"10.0.{i / 256}.{i % 256}", false);
            await account.SignInAttempt($"10.0.{i / 256}.{i % 256}", false);
        }
        await account.SignInAttempt(Here, false);
        await account.SignInAttempt(Here, false);
        // The newest client is remembered (its third failure throttles), the oldest was dropped.
        Assert.Equal(TimeSpan.FromSeconds(1), (await account.SignInAttempt(Here, false)).Throttled);
        Assert.Null((await account.SignInAttempt("10.0.0.0", false)).Throttled);
    }

    [Fact]
    public async Task A_blocked_or_unknown_account_is_throttled_like_a_wrong_password()
    {
        var account = await NewAccount();
        await account.SetBlocked(true);
        var unknown = cluster.Client.GetGrain<IAccountGrain>("niemand-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var grain in new[] { account, unknown })
        {
            for (var i = 1; i < AccountGrain.FreeFailures; i++)
            {
                Assert.Equal(new SignInVerdict(false), await grain.SignInAttempt(Here, true));
            }
            Assert.Equal(TimeSpan.FromSeconds(1), (await grain.SignInAttempt(Here, true)).Throttled);
            Assert.Equal(TimeSpan.FromSeconds(1), (await grain.SignInAttempt(Here, true)).RetryAfter);
        }
    }

    [Fact]
    public async Task An_unknown_account_is_never_admitted_and_nothing_is_stored_for_it()
    {
        var unknown = cluster.Client.GetGrain<IAccountGrain>("niemand-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.False((await unknown.SignInAttempt(Here, true)).Allowed);
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

        for (var i = 0; i < AccountGrain.FreeFailures; i++) await account.SignInAttempt(Here, false);
        var changed = await account.ChangePassword("hash-2");
        Assert.NotEqual(revoked, changed);
        var after = (await account.Get())!;
        Assert.Equal(("hash-2", changed), (after.PasswordHash, after.SecurityStamp));
        // A password change also lifts throttles: the web only changes it after checking the current password.
        Assert.True((await account.SignInAttempt(Here, true)).Allowed);
        await Assert.ThrowsAsync<ArgumentException>(() => account.ChangePassword(" "));
    }

    [Fact]
    public async Task An_activation_code_replaces_the_password_and_choosing_a_password_ends_the_activation()
    {
        var account = await NewAccount();
        var before = (await account.Get())!.SecurityStamp;
        for (var i = 0; i < AccountGrain.FreeFailures; i++) await account.SignInAttempt(Here, false);
        var until = DateTimeOffset.Parse("2031-01-08T09:00:00Z", CultureInfo.InvariantCulture);

        var stamp = await account.SetActivation("code-hash", until);
        Assert.NotEqual(before, stamp);
        var activating = (await account.Get())!;
        Assert.Equal(("code-hash", until, stamp), (activating.PasswordHash, activating.ActivationExpiresAt, activating.SecurityStamp));
        // Whoever was slowed down by the old password may try the new code at once.
        Assert.Null(await account.ThrottledFor(Here));

        var chosen = await account.ChangePassword("hash-2");
        var activated = (await account.Get())!;
        Assert.Equal(("hash-2", (DateTimeOffset?)null, chosen),
            (activated.PasswordHash, activated.ActivationExpiresAt, activated.SecurityStamp));
        Assert.Null(await cluster.Client.GetGrain<IAccountGrain>("niemand-" + Guid.NewGuid().ToString("N")[..8])
            .SetActivation("code-hash", until));
    }
}
