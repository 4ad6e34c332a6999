using System.Buffers.Binary;
using System.Net;
using Kring.Hosting;
using Kring.Testing;
using Kring.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kring.Web.Tests.Security;

/// <summary>Open sessions follow the account as it is now: its role and scope, and its password hash kept up to date.</summary>
[Collection(SecondWebCollection.Name)]
public sealed class AccountStateTests(SharedApp shared)
{
    private KringApp App => shared.App;
    private IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task A_token_and_a_cookie_act_for_the_village_the_account_has_now_not_the_one_they_were_issued_for()
    {
        var userName = $"dorp-{Guid.NewGuid():N}"[..20];
        var account = new AccountRecord(userName, "Proef Contact", Passwords.Hash(TestAccounts.Password), Role.VillageContact, "elsloo",
            null, null, null);
        await Grains.GetGrain<IAccountGrain>(userName).Set(account);
        var api = await App.SignedIn(userName, TestAccounts.Password);
        var browser = App.Client();
        var form = await Forms.Read(browser, "/Inloggen");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/Inloggen",
            form.With(new() { ["UserName"] = userName, ["Password"] = TestAccounts.Password }))).StatusCode);
        foreach (var client in new[] { api, browser })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/villages/elsloo/overview")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/villages/stein/overview")).StatusCode);
        }

        // The same password, so the security stamp stays and both sessions go on, now for Stein.
        await Grains.GetGrain<IAccountGrain>(userName).Set(account with { VillageId = "stein" });

        foreach (var client in new[] { api, browser })
        {
            await Eventually.Get(async () => (await client.GetAsync("/api/v1/villages/stein/overview")).StatusCode == HttpStatusCode.OK
                ? "" : null,
                "the session acts for Stein", SessionStamps.CacheFor + TimeSpan.FromSeconds(5));
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/villages/elsloo/overview")).StatusCode);
        }
    }

    [Fact]
    public async Task A_password_hashed_with_fewer_iterations_is_hashed_again_at_sign_in_and_the_sessions_stay()
    {
        var userName = $"oud-{Guid.NewGuid():N}"[..20];
        var oldHasher = new PasswordHasher<string>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
        var oldHash = oldHasher.HashPassword("", TestAccounts.Password);
        Assert.Equal(100_000, Iterations(oldHash));
        var grain = Grains.GetGrain<IAccountGrain>(userName);
        await grain.Set(new AccountRecord(userName, "Proef Persoon", oldHash, Role.Carer, "elsloo", null, "c-demo", null));

        var first = await App.SignedIn(userName, TestAccounts.Password);

        var stored = (await grain.Get())!;
        Assert.Equal(600_000, Iterations(stored.PasswordHash));
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/me")).StatusCode);
        var second = await App.SignedIn(userName, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(stored.PasswordHash, (await grain.Get())!.PasswordHash);
    }

    /// <summary>The iteration count of an ASP.NET Core Identity V3 hash: 0x01, the PRF (2 is HMAC-SHA512), the count, big-endian.</summary>
    private static int Iterations(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)));
        return BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(5));
    }
}
