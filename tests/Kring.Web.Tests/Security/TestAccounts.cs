using Kring.Hosting;
using Kring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kring.Web.Tests.Security;

/// <summary>Accounts of the tests' own, stored straight in the account grain, so no demo account gets locked or signed out.</summary>
public static class TestAccounts
{
    public const string Password = "proef-wachtwoord-1";

    /// <summary>A new carer account on the demo circle, with a unique user name.</summary>
    public static async Task<string> NewCarer(KringApp app, string prefix = "test")
    {
        var userName = $"{prefix}-{Guid.NewGuid():N}"[..24];
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IAccountGrain>(userName).Set(
            new AccountRecord(userName, "Proef Persoon", Passwords.Hash(Password), Role.Carer, "elsloo", null, "c-demo", null));
        return userName;
    }
}
