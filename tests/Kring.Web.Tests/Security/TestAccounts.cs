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

    /// <summary>A circle in Elsloo of its own with no requests yet, and a carer account for it.</summary>
    public static async Task<(string UserName, string CircleId)> NewCarerWithCircle(KringApp app, string prefix)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var circleId = $"c-{prefix}-{suffix}";
        var userName = $"{prefix}-{suffix}";
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<ICarerCircleGrain>(circleId).Register(
            new CircleProfile(circleId, "elsloo", "Proef Persoon", 60, "Proef Naaste", "partner", [], null, null));
        await grains.GetGrain<IAccountGrain>(userName).Set(
            new AccountRecord(userName, "Proef Persoon", Passwords.Hash(Password), Role.Carer, "elsloo", null, circleId, null));
        return (userName, circleId);
    }

    /// <summary>Signs in on the sign-in page with the test password, as a browser posts the form; the client keeps the cookie.</summary>
    public static async Task<HttpClient> PageSignIn(KringApp app, string userName)
    {
        var browser = app.Client();
        var signIn = await Forms.Read(browser, "/Inloggen");
        var response = await browser.PostAsync("/Inloggen", signIn.With(
            new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = Password }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }
}
